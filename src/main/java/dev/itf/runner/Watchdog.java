package dev.itf.runner;

import dev.itf.time.Alarms;

import java.time.Duration;

/**
 * Interrupts a step that runs past its budget. Steps run on their case's own thread (no hand-off per step); an
 * {@link Alarms alarm} per step interrupts that thread at the step's deadline, at most a tick late. A finished step
 * leaves no trace.
 */
final class Watchdog {

    /** Starts watching the calling thread; close the guard when the step is done, whatever happened. */
    Guard watch(Duration budget) {
        Thread thread = Thread.currentThread();
        return new Guard(Alarms.set(System.nanoTime() + budget.toNanos(), thread::interrupt));
    }

    static final class Guard implements AutoCloseable {
        private final Alarms.Alarm alarm;

        private Guard(Alarms.Alarm alarm) {
            this.alarm = alarm;
        }

        /** Whether the budget ran out before the step finished. */
        boolean fired() {
            return alarm.rang();
        }

        @Override
        public void close() {
            if (alarm.cancel()) {
                // the interrupt was ours, not a request to stop the run: the case thread carries on
                Thread.interrupted();
            }
        }
    }
}
