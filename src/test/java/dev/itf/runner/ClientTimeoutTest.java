package dev.itf.runner;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientTimeoutTest {

    @Test
    void secondsRoundUpSoTheClientNeverGivesUpFirst() {
        assertThat(ClientTimeout.of(Duration.ofMillis(1500)).seconds()).isEqualTo(2);
        assertThat(ClientTimeout.of(Duration.ofMinutes(10)).seconds()).isEqualTo(600);
        assertThat(ClientTimeout.of(Duration.ofMinutes(10)).millis()).isEqualTo(600_000);
    }

    @Test
    void longTimeoutsStopWhereIntMillisecondsStillHoldThemWithRoomForMargins() {
        ClientTimeout t = ClientTimeout.of(Duration.ofHours(1000));
        assertThat(t.duration()).isEqualTo(ClientTimeout.MAX);
        assertThat((long) t.millis()).isEqualTo(ClientTimeout.MAX.toMillis());
        assertThat((long) t.seconds() * 1000 + Duration.ofMinutes(1).toMillis()).isLessThan(Integer.MAX_VALUE);
    }

    @Test
    void zeroAndNegativeBecomeTheSmallestTimeoutAndFloorsApply() {
        assertThat(ClientTimeout.of(Duration.ZERO).millis()).isEqualTo(1);
        assertThat(ClientTimeout.of(Duration.ofSeconds(-5)).seconds()).isEqualTo(1);
        assertThat(ClientTimeout.of(Duration.ofMillis(200)).atLeast(Duration.ofSeconds(1)).millis()).isEqualTo(1000);
        assertThat(ClientTimeout.of(Duration.ofSeconds(5)).atLeast(Duration.ofSeconds(1)).millis()).isEqualTo(5000);
    }
}
