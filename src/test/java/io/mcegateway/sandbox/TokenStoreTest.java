package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenStore tokens = new TokenStore(clock);
    private final BusinessUnit unit = new BusinessUnit("client", "123");

    @Test
    void honours_a_token_until_the_last_moment_of_its_lifetime_not_merely_until_expires_in() {
        String token = tokens.issue(unit, Duration.ofMinutes(20));

        clock.advance(Duration.ofMinutes(20).minusMillis(1));

        assertThat(tokens.authenticate("Bearer " + token)).contains(unit);
    }

    @Test
    void rejects_a_token_once_its_lifetime_has_passed() {
        String token = tokens.issue(unit, Duration.ofMinutes(20));

        clock.advance(Duration.ofMinutes(20));

        assertThat(tokens.authenticate("Bearer " + token)).isEmpty();
    }

    @Test
    void keeps_the_lifetime_a_token_was_issued_with() {
        String longLived = tokens.issue(unit, Duration.ofMinutes(20));
        String shortLived = tokens.issue(unit, Duration.ofSeconds(3));

        clock.advance(Duration.ofSeconds(3));

        assertThat(tokens.authenticate("Bearer " + longLived)).contains(unit);
        assertThat(tokens.authenticate("Bearer " + shortLived)).isEmpty();
    }

    @Test
    void rejects_missing_malformed_and_unknown_headers() {
        String token = tokens.issue(unit, Duration.ofMinutes(20));

        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate(token)).isEmpty();
        assertThat(tokens.authenticate("Basic " + token)).isEmpty();
        assertThat(tokens.authenticate("Bearer someone-elses")).isEmpty();
        assertThat(tokens.authenticate("Bearer  " + token + " ")).contains(unit);
    }

    @Test
    void forgets_every_token_on_clear() {
        String token = tokens.issue(unit, Duration.ofMinutes(20));

        tokens.clear();

        assertThat(tokens.authenticate("Bearer " + token)).isEmpty();
    }
}
