package dev.itf.runner;

import java.time.Duration;

/**
 * A step timeout in the units client libraries take. Libraries keep timeouts in an {@code int} of milliseconds (or
 * multiply seconds by 1000 into one), so anything longer than {@link #MAX} is cut to it; a week-long step is no
 * different from a 24-day one, while an overflow would turn it negative and fail the connection.
 */
public record ClientTimeout(Duration duration) {

    /** The longest timeout every client survives, with room for the margins some of them add on top. */
    public static final Duration MAX = Duration.ofDays(24);

    public ClientTimeout {
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            duration = Duration.ofMillis(1);
        } else if (duration.compareTo(MAX) > 0) {
            duration = MAX;
        }
    }

    public static ClientTimeout of(Duration stepTimeout) {
        return new ClientTimeout(stepTimeout);
    }

    /** At least {@code floor}: for settings whose library refuses or misbehaves below a minimum. */
    public ClientTimeout atLeast(Duration floor) {
        return duration.compareTo(floor) < 0 ? new ClientTimeout(floor) : this;
    }

    public int millis() {
        return (int) duration.toMillis();
    }

    /** Whole seconds, rounded up so the library never gives up before the step would. */
    public int seconds() {
        return (int) ((duration.toMillis() + 999) / 1000);
    }
}
