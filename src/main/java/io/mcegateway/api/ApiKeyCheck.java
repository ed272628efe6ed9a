package io.mcegateway.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Lets a gateway API request in only with {@code Authorization: Bearer <gateway API key>}. It runs inside Camel (at
 * the start of every route that uses the {@value GatewayApiErrors#ID} route configuration), so the same check guards
 * the API under Spring Boot and under Camel JBang. The key is removed from the message once checked, so no later step
 * can log it or pass it on.
 */
public final class ApiKeyCheck implements Processor {

    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyCheck(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
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
    }
}
