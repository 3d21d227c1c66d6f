package dev.itf.runner.load;

import java.util.List;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The open model's dispatcher: arrivals are due at the plan's times whatever the responses do. Each due arrival goes
 * to an idle sender, or to a new one while fewer than maxInFlight requests are outstanding; beyond that it is dropped
 * and counted. A sender measures from the arrival's intended time, so a late send shows in the latency.
 */
final class OpenModel {

    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LoadPlan plan;
    private final long start;
    private final long end;
    private final BooleanSupplier running;
    private final LoadRecorder recorder;
    private final List<Thread> senders;
    private final LongConsumer send;
    private final LinkedTransferQueue<Long> handoff = new LinkedTransferQueue<>();
    private volatile boolean dispatching = true;

    /** @param send sends one request intended at the given System.nanoTime() */
    OpenModel(LoadPlan plan, long start, long end, BooleanSupplier running, LoadRecorder recorder, List<Thread> senders, LongConsumer send) {
        this.plan = plan;
        this.start = start;
        this.end = end;
        this.running = running;
        this.recorder = recorder;
        this.senders = senders;
        this.send = send;
    }

    /** Dispatches every arrival of the plan (or until stopped); returns when the last one is due, the time sending ended. */
    long run(AtomicLong inFlight) throws InterruptedException {
        try {
            for (long n = 0; running.getAsBoolean(); n++) {
                double at = plan.arrival(n);
                if (at >= plan.totalSeconds) {
                    break;
                }
                long due = start + Math.round(at * 1e9);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    if (!running.getAsBoolean()) {
                        return Math.min(System.nanoTime(), end);
                    }
                }
                if (inFlight.get() >= plan.maxInFlight) {
                    recorder.dropped(due);
                    continue;
                }
                inFlight.incrementAndGet();
                if (!handoff.tryTransfer(due)) {
                    sender(due, inFlight);
                }
            }
            long now = System.nanoTime();
            if (running.getAsBoolean() && end - now > 0) {
                // the last arrival came before the end of the plan: the measured period still lasts until its end
                LockSupport.parkNanos(end - now);
            }
            return Math.min(System.nanoTime(), end);
        } finally {
            dispatching = false;
        }
    }

    private void sender(long first, AtomicLong inFlight) {
        Thread t = new Thread(() -> {
            Long next = first;
            while (true) {
                if (next == null) {
                    try {
                        next = handoff.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (next == null) {
                        if (!dispatching) {
                            return;
                        }
                        continue;
                    }
                }
                send.accept(next);
                inFlight.decrementAndGet();
                next = null;
            }
        }, "itf-load-sender-" + senders.size());
        t.setDaemon(true);
        senders.add(t);
        t.start();
    }
}
