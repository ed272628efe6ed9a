package io.mcegateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued access tokens with their business unit and expiry. A token is honoured until {@code tokenLifetime}
 * after issue (MCE: 20 minutes), not merely until {@code expires_in}. The lifetime is fixed at issue:
 * changing the setting later affects new tokens only.
 */
final class TokenStore {

    private record IssuedToken(BusinessUnit businessUnit, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

    TokenStore(Clock clock) {
        this.clock = clock;
    }

    String issue(BusinessUnit businessUnit, Duration lifetime) {
        Instant now = clock.instant();
        // Forget expired tokens here, so that memory stays bounded by the tokens alive at once.
        tokens.values().removeIf(token -> !now.isBefore(token.expiresAt()));
        String accessToken = RandomKeys.accessToken();
        tokens.put(accessToken, new IssuedToken(businessUnit, now.plus(lifetime)));
        return accessToken;
    }

    /** The business unit of the bearer token in an {@code Authorization} header, if it is known and alive. */
    Optional<BusinessUnit> authenticate(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        String value = authorizationHeader.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        IssuedToken token = tokens.get(value.substring(space + 1).trim());
        if (token == null || !clock.instant().isBefore(token.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(token.businessUnit());
    }

    void clear() {
        tokens.clear();
    }
}
