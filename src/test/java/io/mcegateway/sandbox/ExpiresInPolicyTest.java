package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ExpiresInPolicyTest {

    @Test
    void advises_1080_seconds_for_a_20_minute_lifetime_with_a_2_minute_margin_less_up_to_2_seconds() {
        assertThat(new ExpiresInPolicy(bound -> 0).expiresInSeconds(Duration.ofMinutes(20), Duration.ofMinutes(2)))
                .isEqualTo(1080);
        assertThat(new ExpiresInPolicy(bound -> bound - 1).expiresInSeconds(Duration.ofMinutes(20), Duration.ofMinutes(2)))
                .isEqualTo(1078);
    }

    @Test
    void advises_nine_tenths_of_a_lifetime_no_longer_than_the_margin() {
        ExpiresInPolicy policy = new ExpiresInPolicy(bound -> 0);

        assertThat(policy.expiresInSeconds(Duration.ofSeconds(3), Duration.ofMinutes(2))).isEqualTo(2);
        assertThat(policy.expiresInSeconds(Duration.ofSeconds(120), Duration.ofMinutes(2))).isEqualTo(108);
        assertThat(policy.expiresInSeconds(Duration.ofMillis(500), Duration.ofMinutes(2))).isEqualTo(1);
    }

    @Test
    void takes_off_up_to_one_second_from_a_token_of_a_few_seconds() {
        ExpiresInPolicy most = new ExpiresInPolicy(bound -> bound - 1);

        assertThat(most.expiresInSeconds(Duration.ofSeconds(3), Duration.ZERO)).isEqualTo(2);
        assertThat(most.expiresInSeconds(Duration.ofSeconds(10), Duration.ZERO)).isEqualTo(9);
        assertThat(most.expiresInSeconds(Duration.ofSeconds(30), Duration.ofMinutes(2))).isEqualTo(26);
        assertThat(most.expiresInSeconds(Duration.ofSeconds(2), Duration.ZERO)).as("below 3 s: constant")
                .isEqualTo(2);
    }

    @Test
    void is_not_a_constant_for_a_real_or_a_short_test_lifetime() {
        ExpiresInPolicy policy = new ExpiresInPolicy(bound -> ThreadLocalRandom.current().nextInt(bound));

        assertThat(draws(policy, Duration.ofMinutes(20), Duration.ofMinutes(2))).containsExactlyInAnyOrder(
                1078L, 1079L, 1080L);
        assertThat(draws(policy, Duration.ofSeconds(3), Duration.ZERO)).containsExactlyInAnyOrder(2L, 3L);
    }

    @Test
    void never_advises_less_than_one_second() {
        assertThat(new ExpiresInPolicy(bound -> 2).expiresInSeconds(Duration.ofSeconds(121), Duration.ofMinutes(2)))
                .isEqualTo(1);
    }

    /** Every value 200 draws gave; each possible value is missed with a chance below 1e-35. */
    private static Set<Long> draws(ExpiresInPolicy policy, Duration lifetime, Duration margin) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(policy.expiresInSeconds(lifetime, margin));
        }
        return seen;
    }
}
