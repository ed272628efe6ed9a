package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusCheckAllowanceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final StatusCheckAllowance allowance = new StatusCheckAllowance(120, Duration.ofMinutes(1), clock);

    @Test
    void one_period_of_lookups_may_be_claimed_at_once_then_as_fast_as_the_budget_refills() {
        assertThat(allowance.available()).isEqualTo(120);
        allowance.take(120);
        assertThat(allowance.available()).isZero();

        clock.advance(Duration.ofMillis(250));
        assertThat(allowance.available()).as("half a lookup").isZero();
        clock.advance(Duration.ofMillis(250));
        assertThat(allowance.available()).isEqualTo(1);
        allowance.take(1);

        clock.advance(Duration.ofHours(1));
        assertThat(allowance.available()).as("never more than one period").isEqualTo(120);
    }
}
