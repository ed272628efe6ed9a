package io.mcegateway.token;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code mceToken} health: DOWN while MCE rejects a business unit's credentials, with MCE's public reason, so that
 * an operator sees "fix the client secret" instead of a wall of failed sends. Never shows a token or a secret.
 */
public final class TokenHealthIndicator implements HealthIndicator {

    private final TokenCache tokens;

    public TokenHealthIndicator(TokenCache tokens) {
        this.tokens = tokens;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean rejected = false;
        for (Map.Entry<String, TokenCache.TokenState> entry : tokens.states().entrySet()) {
            TokenCache.TokenState state = entry.getValue();
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("hasToken", state.hasToken());
            if (state.usableUntil() != null) {
                unit.put("tokenUsableUntil", state.usableUntil().toString());
            }
            state.credentialsProblem().ifPresent(reason -> unit.put("reason", reason));
            state.lastFailure().ifPresent(failure -> unit.put("lastFailure", failure));
            if (state.nextRequestAfter() != null) {
                // An auth API outage: MCE's problem, not the configuration's, so it does not turn health DOWN.
                unit.put("nextTokenRequestAfter", state.nextRequestAfter().toString());
            }
            rejected |= state.credentialsProblem().isPresent();
            details.put(entry.getKey(), unit);
        }
        return (rejected ? Health.down() : Health.up()).withDetails(details).build();
    }
}
