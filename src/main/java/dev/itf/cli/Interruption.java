package dev.itf.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C while {@code itf submit} waits: the first one wakes the wait instead of ending the JVM, so the command can ask
 * what to do with the run; a second one ends the process as usual.
 */
class Interruption implements AutoCloseable {

    private final CountDownLatch signalled = new CountDownLatch(1);
    private SignalHandler previous;

    /** Catches SIGINT until closed; where the platform has no such signal the wait simply cannot be interrupted. */
    static Interruption onCtrlC() {
        Interruption interruption = new Interruption();
        try {
            Signal sigint = new Signal("INT");
            interruption.previous = Signal.handle(sigint, signal -> {
                // the next Ctrl-C (say, at the question) ends the process
                Signal.handle(sigint, SignalHandler.SIG_DFL);
                interruption.trigger();
            });
        } catch (IllegalArgumentException e) {
            interruption.previous = null;
        }
        return interruption;
    }

    void trigger() {
        signalled.countDown();
    }

    boolean happened() {
        return signalled.getCount() == 0;
    }

    /** Waits at most {@code timeout}; true when interrupted. */
    boolean await(Duration timeout) throws InterruptedException {
        return signalled.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(new Signal("INT"), previous);
        }
    }
}
