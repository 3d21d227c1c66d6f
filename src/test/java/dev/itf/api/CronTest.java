package dev.itf.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime at(String local, ZoneId zone) {
        return java.time.LocalDateTime.parse(local).atZone(zone);
    }

    private static String next(String cron, String after, ZoneId zone) {
        return Cron.parse(cron).next(at(after, zone)).orElseThrow().toOffsetDateTime().toString();
    }

    @Test
    void nextTicks() {
        assertThat(next("0 3 * * *", "2026-03-01T02:59", UTC)).isEqualTo("2026-03-01T03:00Z");
        assertThat(next("0 3 * * *", "2026-03-01T03:00", UTC)).isEqualTo("2026-03-02T03:00Z");
        assertThat(next("*/15 9-17 * * MON-FRI", "2026-03-06T17:50", UTC)).isEqualTo("2026-03-09T09:00Z");
        assertThat(next("30 4 1,15 * *", "2026-02-15T04:30", UTC)).isEqualTo("2026-03-01T04:30Z");
        assertThat(next("0 0 29 FEB *", "2026-01-01T00:00", UTC)).isEqualTo("2028-02-29T00:00Z");
        assertThat(next("@hourly", "2026-01-01T10:10", UTC)).isEqualTo("2026-01-01T11:00Z");
        assertThat(next("0 12 * * 7", "2026-01-01T00:00", UTC)).isEqualTo("2026-01-04T12:00Z");
        assertThat(next("5/20 * * * *", "2026-01-01T00:06", UTC)).isEqualTo("2026-01-01T00:25Z");
    }

    @Test
    void bothDayFieldsRestrictedMatchEither() {
        // the 13th, or any Friday
        assertThat(next("0 0 13 * FRI", "2026-03-01T00:00", UTC)).isEqualTo("2026-03-06T00:00Z");
        assertThat(next("0 0 13 * FRI", "2026-03-10T00:00", UTC)).isEqualTo("2026-03-13T00:00Z");
    }

    @Test
    void timeZonesAndDaylightSaving() {
        assertThat(next("0 3 * * *", "2026-06-01T00:00", BERLIN)).isEqualTo("2026-06-01T03:00+02:00");
        // 02:30 does not exist in Berlin on 29 March 2026: that day has no tick
        assertThat(next("30 2 * * *", "2026-03-28T12:00", BERLIN)).isEqualTo("2026-03-30T02:30+02:00");
        // 02:30 happens twice on 25 October 2026: one tick
        ZonedDateTime first = Cron.parse("30 2 * * *").next(at("2026-10-25T00:00", BERLIN)).orElseThrow();
        assertThat(first.toOffsetDateTime().toString()).isEqualTo("2026-10-25T02:30+02:00");
        assertThat(Cron.parse("30 2 * * *").next(first).orElseThrow().toOffsetDateTime().toString()).isEqualTo("2026-10-26T02:30+01:00");
    }

    @Test
    void latestOwedTickIsAtMostOne() {
        Cron everyMinute = Cron.parse("* * * * *");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(everyMinute.latest(from, at("2026-01-03T10:07:30", UTC))).hasValueSatisfying(
                t -> assertThat(t.toInstant()).isEqualTo(Instant.parse("2026-01-03T10:07:00Z")));
        assertThat(everyMinute.latest(Instant.parse("2026-01-03T10:07:00Z"), at("2026-01-03T10:07:59", UTC))).isEmpty();
        Cron nightly = Cron.parse("0 3 * * *");
        assertThat(nightly.latest(Instant.parse("2026-01-01T03:00:00Z"), at("2026-01-02T02:59", UTC))).isEmpty();
        assertThat(nightly.latest(Instant.parse("2026-01-01T03:00:00Z"), at("2026-01-09T12:00", UTC)))
                .hasValueSatisfying(t -> assertThat(t.toInstant()).isEqualTo(Instant.parse("2026-01-09T03:00:00Z")));
    }

    @Test
    void problemsNameTheFieldAndWhatIsWrong() {
        assertThatThrownBy(() -> Cron.parse("0 3 * *")).hasMessageContaining("has 4 fields, expected 5");
        assertThatThrownBy(() -> Cron.parse("61 * * * *")).hasMessage("minute field \"61\" has 61, outside 0-59");
        assertThatThrownBy(() -> Cron.parse("0 3 * FOO *")).hasMessageContaining("month field \"FOO\" has \"FOO\", which is not a number or a month name");
        assertThatThrownBy(() -> Cron.parse("0 3 * * 1-")).hasMessageContaining("day of week field");
        assertThatThrownBy(() -> Cron.parse("*/0 * * * *")).hasMessageContaining("a step must be at least 1");
        assertThatThrownBy(() -> Cron.parse("0 0 30 2 *")).hasMessageContaining("never matches a date");
        assertThatThrownBy(() -> Cron.parse("5-1 * * * *")).hasMessageContaining("whose start is after its end");
        assertThatThrownBy(() -> Cron.parse("@often")).hasMessageContaining("unknown macro");
    }
}
