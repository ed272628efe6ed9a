package io.mcegateway.token;

import io.mcegateway.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcegateway.config.MceProperties.RetryProperties;
import io.mcegateway.config.MceProperties.TokenProperties;
import io.mcegateway.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final BusinessUnit UNIT = new BusinessUnit("default", "http://auth", null, "id",
            Secret.of("s3cret-value"), null, null);
    private static final BusinessUnit OTHER = new BusinessUnit("other", "http://auth", null, "id2",
            Secret.of("s3cret-value"), "42", null);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService callers = Executors.newFixedThreadPool(64);
    private TokenCache cache;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (cache != null) {
            cache.close();
        }
    }

    private TokenCache cache(TokenProperties settings, Function<BusinessUnit, AccessToken> fetch) {
        cache = new TokenCache(unit -> {
            requests.incrementAndGet();
            return fetch.apply(unit);
        }, settings, clock, Executors.newCachedThreadPool(), meters);
        return cache;
    }

    private static TokenProperties settings() {
        return new TokenProperties(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(80),
                new RetryProperties(3, Duration.ofMillis(1), 2, Duration.ofMillis(10), 0));
    }

    private AccessToken token(String value, Duration usable) {
        return new AccessToken(value, "http://rest/", clock.instant(), clock.instant().plus(usable));
    }

    @Test
    void many_concurrent_callers_on_a_cold_start_share_one_token_request() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        cache(settings(), unit -> {
            await(release);
            return token("t1", Duration.ofMinutes(17));
        });
        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(callers.submit(() -> cache.get(UNIT)));
        }
        release.countDown();
        for (Future<AccessToken> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS).value()).isEqualTo("t1");
        }
        assertThat(requests).hasValue(1);
    }

    @Test
    void a_token_is_reused_until_its_usable_end_then_replaced_once() {
        AtomicInteger issued = new AtomicInteger();
        cache(settings(), unit -> token("t" + issued.incrementAndGet(), Duration.ofMinutes(17)));
        assertThat(cache.get(UNIT).value()).isEqualTo("t1");
        clock.advance(Duration.ofMinutes(10));
        assertThat(cache.get(UNIT).value()).isEqualTo("t1");
        clock.advance(Duration.ofMinutes(8));
        assertThat(cache.get(UNIT).value()).isEqualTo("t2");
        assertThat(requests).hasValue(2);
    }

    @Test
    void a_token_near_its_end_is_refreshed_in_the_background_while_callers_keep_using_it() throws Exception {
        CountDownLatch refreshStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger issued = new AtomicInteger();
        cache(settings(), unit -> {
            if (issued.get() == 1) {
                refreshStarted.countDown();
                await(release);
            }
            return token("t" + issued.incrementAndGet(), Duration.ofMinutes(17));
        });
        cache.get(UNIT);
        clock.advance(Duration.ofMinutes(16)); // inside the 120 s refresh-ahead window
        assertThat(cache.get(UNIT).value()).isEqualTo("t1");
        assertThat(refreshStarted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.get(UNIT).value()).as("callers are not blocked by the refresh").isEqualTo("t1");
        release.countDown();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> cache.get(UNIT).value().equals("t2"));
        assertThat(requests).hasValue(2);
    }

    @Test
    void business_units_have_their_own_tokens() {
        cache(settings(), unit -> token("token-of-" + unit.name(), Duration.ofMinutes(17)));
        assertThat(cache.get(UNIT).value()).isEqualTo("token-of-default");
        assertThat(cache.get(OTHER).value()).isEqualTo("token-of-other");
        assertThat(cache.get(UNIT).value()).isEqualTo("token-of-default");
        assertThat(requests).hasValue(2);
    }

    @Test
    void the_masker_is_given_the_token_of_every_business_unit_held_now() {
        AtomicInteger issued = new AtomicInteger();
        cache(settings(), unit -> token("t" + issued.incrementAndGet() + "-" + unit.name(), Duration.ofMinutes(17)));
        assertThat(cache.tokenValuesForMasking()).isEmpty();

        AccessToken first = cache.get(UNIT);
        cache.get(OTHER);
        assertThat(cache.tokenValuesForMasking()).containsExactlyInAnyOrder("t1-default", "t2-other");

        cache.invalidate(UNIT, first);
        cache.get(UNIT);
        assertThat(cache.tokenValuesForMasking()).containsExactlyInAnyOrder("t3-default", "t2-other");
    }

    @Test
    void invalidation_replaces_only_the_token_that_was_rejected() {
        AtomicInteger issued = new AtomicInteger();
        cache(settings(), unit -> token("t" + issued.incrementAndGet(), Duration.ofMinutes(17)));
        AccessToken first = cache.get(UNIT);
        cache.invalidate(UNIT, first);
        AccessToken second = cache.get(UNIT);
        assertThat(second.value()).isEqualTo("t2");
        cache.invalidate(UNIT, first); // a late 401 for the old token must not discard the new one
        assertThat(cache.get(UNIT).value()).isEqualTo("t2");
        assertThat(requests).hasValue(2);
    }

    @Test
    void rejected_credentials_fail_fast_with_at_most_one_attempt_per_interval() {
        cache(settings(), unit -> {
            throw new CredentialsRejectedException(unit.name(), 401, "invalid_client", "Client authentication failed.");
        });
        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(CredentialsRejectedException.class)
                    .hasMessageContaining("invalid_client").hasMessageNotContaining("s3cret-value");
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(requests).hasValue(1);
        clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(CredentialsRejectedException.class);
        assertThat(requests).hasValue(2);
        assertThat(cache.states().get("default").credentialsProblem()).isPresent();
    }

    @Test
    void during_an_auth_outage_callers_fail_fast_and_token_requests_come_ever_further_apart_up_to_the_cap() {
        cache(settings(), unit -> {
            throw new TokenUnavailableException("No MCE token for business unit 'default': HTTP 503 after retries",
                    null);
        });
        assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(TokenUnavailableException.class);
        assertThat(requests).hasValue(1);

        for (int seconds : new int[] {10, 20, 40, 80, 80}) {
            clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
            for (int i = 0; i < 50; i++) {
                assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(TokenUnavailableException.class)
                        .hasMessageContaining("HTTP 503").hasMessageContaining("no new token request before");
            }
            assertThat(cache.states().get("default").nextRequestAfter()).isEqualTo(clock.instant().plusMillis(1));
            int before = requests.get();
            clock.advance(Duration.ofMillis(1));
            assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(TokenUnavailableException.class);
            assertThat(requests).as("one token request after a pause of %d s", seconds).hasValue(before + 1);
        }
        assertThat(cache.states().get("default").credentialsProblem()).as("an outage is no credentials problem")
                .isEmpty();
    }

    @Test
    void the_auth_apis_retry_after_wins_when_longer_than_the_pause() {
        cache(settings(), unit -> {
            throw new TokenUnavailableException("No MCE token: HTTP 429 after retries", null, Duration.ofSeconds(90));
        });
        assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(TokenUnavailableException.class);

        clock.advance(Duration.ofSeconds(89));
        assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(TokenUnavailableException.class);
        assertThat(requests).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(TokenUnavailableException.class);
        assertThat(requests).hasValue(2);
    }

    @Test
    void a_token_after_an_outage_ends_the_pauses() {
        AtomicInteger calls = new AtomicInteger();
        cache(settings(), unit -> {
            if (calls.incrementAndGet() == 1) {
                throw new TokenUnavailableException("No MCE token: HTTP 503 after retries", null);
            }
            return token("t" + calls.get(), Duration.ofMinutes(17));
        });
        assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(TokenUnavailableException.class);
        clock.advance(Duration.ofSeconds(10));
        AccessToken recovered = cache.get(UNIT);
        assertThat(cache.states().get("default").nextRequestAfter()).isNull();

        cache.invalidate(UNIT, recovered);
        assertThat(cache.get(UNIT).value()).as("no pause left over").isEqualTo("t3");
        assertThat(requests).hasValue(3);
    }

    @Test
    void a_bounded_wait_fails_with_token_unavailable() {
        CountDownLatch never = new CountDownLatch(1);
        TokenProperties quick = new TokenProperties(Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofMillis(100), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(80),
                settings().retry());
        cache(quick, unit -> {
            await(never);
            return token("late", Duration.ofMinutes(17));
        });
        assertThatThrownBy(() -> cache.get(UNIT)).isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("within");
    }

    @Test
    void the_token_never_appears_in_its_string_form() {
        AccessToken token = token("very-secret-token-value", Duration.ofMinutes(1));
        assertThat(token.toString()).doesNotContain("very-secret-token-value");
        assertThat(UNIT.toString()).doesNotContain("s3cret-value");
    }

    @Test
    void metrics_time_each_token_flight_and_show_the_token_age() {
        cache(settings(), unit -> token("t", Duration.ofMinutes(17)));
        cache.get(UNIT);
        assertThat(meters.get("mce.token.refresh.latency").timer().count()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(meters.get("mce.token.age").gauge().value()).isEqualTo(30.0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
