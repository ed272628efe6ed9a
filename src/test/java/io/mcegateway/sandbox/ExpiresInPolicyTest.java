package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
    void never_advises_less_than_one_second() {
        assertThat(new ExpiresInPolicy(bound -> 2).expiresInSeconds(Duration.ofSeconds(121), Duration.ofMinutes(2)))
                .isEqualTo(1);
    }
}
