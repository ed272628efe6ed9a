package io.mcegateway.token;

import io.mcegateway.config.Secret;
import java.util.Objects;

/**
 * One MCE business unit as the gateway addresses it: an installed package's client credentials plus the MID
 * ({@code accountId}) the token is scoped to. MCE tokens belong to exactly one business unit, so this is also the
 * key of the token cache.
 *
 * @param name           the gateway's own name for it, chosen by callers with the {@code X-MCE-Business-Unit} header
 * @param authUrl        base URL of the auth API, without {@code /v2/token}
 * @param restUrlOverride REST base to use instead of the token's {@code rest_instance_url}, or null
 */
public record BusinessUnit(
        String name, String authUrl, String restUrlOverride, String clientId, Secret clientSecret, String accountId,
        String scope) {

    public BusinessUnit {
        Objects.requireNonNull(name, "name");
        requireText(authUrl, "auth URL (mce.auth-url) of business unit '" + name + "'");
        requireText(clientId, "client id of business unit '" + name + "'");
        Objects.requireNonNull(clientSecret, "client secret of business unit '" + name + "' is not configured");
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is not configured");
        }
    }

    @Override
    public String toString() {
        return "BusinessUnit[" + name + ", clientId=" + clientId + ", accountId=" + accountId + "]";
    }
}
