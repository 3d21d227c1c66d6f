package dev.itf.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class JunitReportTest {

    @Test
    void writesSecondsAsThreeDecimalsTheWayTheFormatterDoes() {
        for (long ms = 0; ms < 100_000; ms++) {
            assertThat(JunitReport.seconds(ms)).isEqualTo(String.format(Locale.ROOT, "%.3f", ms / 1000.0));
        }
        for (long ms : new long[] {1_234_567_890L, 86_400_000L, 999_999_999_999L, -1L, -1500L}) {
            assertThat(JunitReport.seconds(ms)).isEqualTo(String.format(Locale.ROOT, "%.3f", ms / 1000.0));
        }
    }

    @Test
    void keepsTextXmlHoldsAndReplacesWhatItCannot() {
        String plain = "GET http://localhost/x → 200\ttab\r\nnext line";
        assertThat(JunitReport.clean(plain)).isSameAs(plain);
        assertThat(JunitReport.clean("a\u0001b\u0000c")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(JunitReport.clean("emoji \uD83D\uDE00 kept")).isEqualTo("emoji \uD83D\uDE00 kept");
        assertThat(JunitReport.clean("lone \uD83D surrogate")).isEqualTo("lone \uFFFD surrogate");
        assertThat(JunitReport.clean("not a character \uFFFE")).isEqualTo("not a character \uFFFD");
        assertThat(JunitReport.clean(null)).isEmpty();
    }
}
