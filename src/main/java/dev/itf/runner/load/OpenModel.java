package dev.itf.runner.load;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The open model: arrivals are due at the plan's times whatever the responses do. Senders take the next arrival
 * themselves (no hand-off per request): one ahead of schedule waits for its time, one behind sends at once. While
 * arrivals are overdue another sender starts, up to what the rate needs by Little's law (rate times the time a
 * request takes, twice over) and never beyond maxInFlight: more threads than that only compete for the same cores
 * (a sender is a thread blocked on its connection). An arrival taken while more
 * than maxInFlight requests are outstanding (sent or overdue) is dropped and counted. Latency counts from the
 * arrival's intended time, so a late send shows in it.
 */
final class OpenModel {

    /** How often the supervisor looks for overdue arrivals. */
    private static final long SUPERVISE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LoadPlan plan;
    private final long start;
    private final long end;
    private final BooleanSupplier running;
    private final LoadRecorder recorder;
    private final List<Thread> senders;
    private final LongConsumer send;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong sendNanos = new AtomicLong();
    private final AtomicLong sends = new AtomicLong();
    private volatile boolean over;

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

    /** Runs until the plan's end (or a stop); returns when sending ended. The senders finish their last requests after. */
    long run(AtomicLong inFlight) throws InterruptedException {
        try {
            sender(inFlight);
            double secondsPerRequest = 0.001;
            long seenNanos = 0;
            long seenSends = 0;
            while (running.getAsBoolean()) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    break;
                }
                long n = sends.get();
                if (n > seenSends) {
                    long took = sendNanos.get();
                    double recent = (took - seenNanos) / 1e9 / (n - seenSends);
                    secondsPerRequest = 0.9 * secondsPerRequest + 0.1 * recent;
                    seenNanos = took;
                    seenSends = n;
                }
                long needed = (long) Math.ceil(plan.level((now - start) / 1e9) * secondsPerRequest * 2) + 4;
                if (overdue(now) && senders.size() < Math.min(plan.maxInFlight, needed)) {
                    sender(inFlight);
                }
                LockSupport.parkNanos(Math.min(SUPERVISE_NANOS, end - now));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return Math.min(System.nanoTime(), end);
        } finally {
            over = true;
            // senders waiting for an arrival after the end stop now
            senders.forEach(LockSupport::unpark);
        }
    }

    /** Whether the next arrival no sender has taken yet is already due. */
    private boolean overdue(long now) {
        double at = plan.arrival(next.get());
        return at < plan.totalSeconds && start + Math.round(at * 1e9) - now < 0;
    }

    private void sender(AtomicLong inFlight) {
        Thread t = new Thread(() -> {
            while (!over && running.getAsBoolean()) {
                long n = next.getAndIncrement();
                double at = plan.arrival(n);
                if (at >= plan.totalSeconds) {
                    return;
                }
                long due = start + Math.round(at * 1e9);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (over || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                // outstanding: requests in flight and the arrivals already due that no sender has taken
                long backlog = Math.max(0, dueBy(System.nanoTime()) - next.get());
                if (inFlight.get() + backlog >= plan.maxInFlight) {
                    recorder.dropped(due);
                    continue;
                }
                inFlight.incrementAndGet();
                long sent = System.nanoTime();
                try {
                    send.accept(due);
                } finally {
                    inFlight.decrementAndGet();
                    sendNanos.addAndGet(System.nanoTime() - sent);
                    sends.incrementAndGet();
                }
            }
        }, "itf-load-sender-" + senders.size());
        t.setDaemon(true);
        senders.add(t);
        t.start();
    }

    /** How many arrivals are due by the given time: the first index whose time is later, found by bisection. */
    private long dueBy(long now) {
        double seconds = (now - start) / 1e9;
        long lo = next.get();
        if (plan.arrival(lo) > seconds) {
            return lo;
        }
        long step = 1;
        long hi = lo + step;
        while (plan.arrival(hi) <= seconds) {
            lo = hi;
            step *= 2;
            hi = lo + step;
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (plan.arrival(mid) <= seconds) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
