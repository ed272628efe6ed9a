package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.config.MceProperties.RetryProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private final RetryProperties retry = new RetryProperties(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), 0.2);

    @Test
    void delays_grow_exponentially_up_to_the_cap() {
        BackoffPolicy noJitter = new BackoffPolicy(retry, () -> 0.5);
        assertThat(noJitter.delayBefore(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(noJitter.delayBefore(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(noJitter.delayBefore(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.delayBefore(4, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitter_spreads_a_delay_within_its_bounds() {
        assertThat(new BackoffPolicy(retry, () -> 0.0).delayBefore(1, Optional.empty())).isEqualTo(Duration.ofMillis(800));
        assertThat(new BackoffPolicy(retry, () -> 1.0).delayBefore(1, Optional.empty())).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void retry_after_overrides_the_backoff() {
        BackoffPolicy policy = new BackoffPolicy(retry, () -> 0.9);
        assertThat(policy.delayBefore(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(RetryAfter.parse("5", now)).contains(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("-3", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("999999", now)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @Test
    void rest_instance_urls_are_normalised_with_or_without_scheme_and_slash() {
        assertThat(McePaths.normaliseBase("mc563885gzs27c5t9-63k636tzgm.rest.marketingcloudapis.com"))
                .isEqualTo("https://mc563885gzs27c5t9-63k636tzgm.rest.marketingcloudapis.com/");
        assertThat(McePaths.normaliseBase("https://mct0l7nxfq2r988t1kxfy8sc4xxx.rest.marketingcloudapis.com/"))
                .isEqualTo("https://mct0l7nxfq2r988t1kxfy8sc4xxx.rest.marketingcloudapis.com/");
        assertThat(McePaths.normaliseBase("http://127.0.0.1:8099"))
                .isEqualTo("http://127.0.0.1:8099/");
        assertThat(McePaths.join("http://127.0.0.1:8099", "/messaging/v1/email/messages/k"))
                .isEqualTo("http://127.0.0.1:8099/messaging/v1/email/messages/k");
    }
}
