package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClaimLeaseTest {

    @Test
    void a_lease_shorter_than_twice_the_longest_request_stops_the_gateway_from_starting() {
        assertThatThrownBy(() -> new ClaimLease(Duration.ofMinutes(2), Duration.ofSeconds(70)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mce.send.claim-lease (PT2M)")
                .hasMessageContaining("mce.http.pool-timeout + connect-timeout + response-timeout (PT1M10S)");
    }

    @Test
    void the_default_lease_outlasts_the_default_longest_request_comfortably() {
        assertThatCode(() -> new ClaimLease(Duration.ofMinutes(10), Duration.ofSeconds(70))).doesNotThrowAnyException();
        assertThatCode(() -> new ClaimLease(Duration.ofSeconds(140), Duration.ofSeconds(70)))
                .doesNotThrowAnyException();
    }
}
