package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusBackoffTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:30Z"));
    private final StatusBackoff backoff = new StatusBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.0, clock,
            () -> 0.5);

    @Test
    void each_failure_in_a_row_doubles_the_pause_up_to_the_maximum() {
        assertThat(backoff.failed("bu", Optional.empty(), "HTTP 500")).hasSeconds(10);
        assertThat(backoff.failed("bu", Optional.empty(), "HTTP 500")).hasSeconds(20);
        assertThat(backoff.failed("bu", Optional.empty(), "HTTP 500")).hasSeconds(40);
        assertThat(backoff.failed("bu", Optional.empty(), "HTTP 500")).hasSeconds(60);
        assertThat(backoff.failed("bu", Optional.empty(), "HTTP 500")).hasSeconds(60);
    }

    @Test
    void lookups_pause_until_the_pause_has_passed_and_one_success_ends_the_series() {
        backoff.failed("bu", Optional.empty(), "HTTP 500");

        assertThat(backoff.paused("bu")).isTrue();
        assertThat(backoff.paused("other-bu")).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(backoff.paused("bu")).isFalse();

        backoff.failed("bu", Optional.empty(), "HTTP 500");
        backoff.succeeded("bu");
        assertThat(backoff.paused("bu")).isFalse();
        assertThat(backoff.failed("bu", Optional.empty(), "HTTP 500")).as("a new series").hasSeconds(10);
    }

    @Test
    void a_longer_retry_after_from_mce_wins() {
        assertThat(backoff.failed("bu", Optional.of(Duration.ofSeconds(45)), "HTTP 503")).hasSeconds(45);
        assertThat(backoff.failed("bu", Optional.of(Duration.ofSeconds(1)), "HTTP 503")).hasSeconds(20);
    }

    @Test
    void jitter_spreads_the_pause() {
        StatusBackoff jittered = new StatusBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.2, clock, () -> 0.0);

        assertThat(jittered.pause(1)).isEqualTo(Duration.ofSeconds(8));
    }
}
