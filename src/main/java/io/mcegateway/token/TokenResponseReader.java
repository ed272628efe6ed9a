package io.mcegateway.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.mce.MceHttp;
import io.mcegateway.mce.McePaths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;

/** Reads MCE's token response into an {@link AccessToken}; the exchange body becomes that token. */
public final class TokenResponseReader {

    private final ObjectMapper json;
    private final Clock clock;
    private final Duration expiryMargin;

    public TokenResponseReader(ObjectMapper json, Clock clock, Duration expiryMargin) {
        this.json = json;
        this.clock = clock;
        this.expiryMargin = expiryMargin;
    }

    public void read(Exchange exchange) throws Exception {
        BusinessUnit unit = exchange.getProperty(MceHttp.BUSINESS_UNIT, BusinessUnit.class);
        Instant received = clock.instant();
        JsonNode body = json.readTree(exchange.getMessage().getBody(String.class));
        String value = body.path("access_token").asText(null);
        long expiresIn = body.path("expires_in").asLong(0);
        if (value == null || value.isBlank() || expiresIn <= 0) {
            throw new IllegalStateException("MCE token response for business unit '" + unit.name()
                    + "' lacks access_token or a positive expires_in");
        }
        String restBase = unit.restUrlOverride() != null && !unit.restUrlOverride().isBlank()
                ? unit.restUrlOverride()
                : body.path("rest_instance_url").asText(null);
        if (restBase == null || restBase.isBlank()) {
            throw new IllegalStateException("MCE token response for business unit '" + unit.name()
                    + "' has no rest_instance_url and mce.rest-url is not set");
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(new AccessToken(value, McePaths.normaliseBase(restBase), received,
                usableUntil(received, expiresIn)));
    }

    /**
     * MCE's expires_in already keeps 2 minutes back and counts down between responses, so it is read on each
     * response, never assumed; the configured margin covers clock skew and the time a call spends in flight.
     * A lifetime shorter than twice the margin (short test tokens) keeps half of it instead.
     */
    Instant usableUntil(Instant received, long expiresInSeconds) {
        Duration lifetime = Duration.ofSeconds(expiresInSeconds);
        Duration margin = expiryMargin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : expiryMargin;
        return received.plus(lifetime).minus(margin);
    }
}
