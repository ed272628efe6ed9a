package io.mcegateway.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Lets a gateway API request in only with {@code Authorization: Bearer <gateway API key>}. It runs inside Camel (at
 * the start of every route that uses the {@value GatewayApiErrors#ID} route configuration), so the same check guards
 * the API under Spring Boot and under Camel JBang. The key is removed from the message once checked, so no later step
 * can log it or pass it on. An exchange it has let in is marked, so that an internal route using the same route
 * configuration (e.g. {@code direct:refresh-message-status}, called by the status read) lets it through again: the
 * key is gone by then, and {@code direct:} routes are reachable only from routes that have checked it.
 */
public final class ApiKeyCheck implements Processor {

    /** Exchange property, set once the caller's key has been accepted. Callers cannot set exchange properties. */
    static final String LET_IN = "gatewayApiCallerLetIn";
    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyCheck(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.getProperty(LET_IN, false, Boolean.class)) {
            return;
        }
        Message message = exchange.getMessage();
        String header = message.getHeader(AUTHORIZATION, String.class);
        message.removeHeader(AUTHORIZATION);
        String key = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        if (key == null || key.isEmpty()) {
            throw new ApiKeyRejectedException("Authorization: Bearer <gateway API key> is required");
        }
        if (!keys.accepts(key)) {
            throw new ApiKeyRejectedException("The gateway API key is not valid");
        }
        exchange.setProperty(LET_IN, true);
    }
}
