package io.mcegateway.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.mce.MceFailures;
import io.mcegateway.mce.MceHttp;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.DefaultExchange;

/** Runs the {@code fetch-token} route and turns its failures into the token flow's typed exceptions. */
public final class CamelTokenClient implements TokenClient {

    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final Clock clock;

    public CamelTokenClient(ProducerTemplate producer, ObjectMapper json, Clock clock) {
        this.producer = producer;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public AccessToken fetch(BusinessUnit businessUnit) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(MceHttp.BUSINESS_UNIT, businessUnit);
        Exchange done = producer.send(TokenRoutes.FETCH_TOKEN, exchange);
        Exception failure = done.getException();
        if (failure == null) {
            return done.getMessage().getBody(AccessToken.class);
        }
        if (failure instanceof HttpOperationFailedException http && !MceFailures.isRetryable(http)) {
            JsonNode error = errorBody(http.getResponseBody());
            // The auth API answers in OAuth's shape; a REST-style {message, errorcode} means another endpoint.
            String description = text(error, "error") != null
                    ? text(error, "error_description") : text(error, "message");
            throw new CredentialsRejectedException(businessUnit.name(), http.getStatusCode(), text(error, "error"),
                    description);
        }
        throw new TokenUnavailableException("No MCE token for business unit '" + businessUnit.name() + "': "
                + MceFailures.describe(failure) + (MceFailures.isRetryable(failure) ? " after retries" : ""), failure,
                MceFailures.retryAfter(failure, clock.instant()).orElse(null));
    }

    private JsonNode errorBody(String body) {
        try {
            return body == null ? null : json.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }
}
