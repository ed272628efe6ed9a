package io.mcegateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.send.MessageNotFoundException;
import io.mcegateway.send.ReplayNotAllowedException;
import io.mcegateway.token.BusinessUnits.UnknownBusinessUnitException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route configuration {@value #ID}, which every gateway API route opts into: it lets a request in only with a valid
 * gateway API key ({@link ApiKeyCheck}, before the route's first step) and turns failures into JSON errors for
 * internal callers. Callers learn what went wrong and which field to fix, never a credential, a stack trace or
 * internal detail. Being part of Camel, it works the same under Spring Boot and under Camel JBang.
 */
public final class GatewayApiErrors extends RouteConfigurationBuilder {

    public static final String ID = "gateway-api";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApiErrors.class);

    private final ObjectMapper json;
    private final ApiKeyCheck apiKeyCheck;

    public GatewayApiErrors(ObjectMapper json, ApiKeys keys) {
        this.json = json;
        this.apiKeyCheck = new ApiKeyCheck(keys);
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition api = routeConfiguration(ID);
        api.interceptFrom().process(apiKeyCheck).id("check-gateway-api-key");
        api.onException(ApiKeyRejectedException.class).handled(true)
                    .process(this::unauthorized)
                .end()
                .onException(InvalidRequestException.class).handled(true)
                    .process(exchange -> reply(exchange, 400, "invalid_request", caught(exchange)))
                .end()
                .onException(PayloadTooLargeException.class).handled(true)
                    .process(exchange -> reply(exchange, 413, "payload_too_large", caught(exchange)))
                .end()
                .onException(UnsupportedMediaTypeException.class).handled(true)
                    .process(exchange -> reply(exchange, 415, "unsupported_media_type", caught(exchange)))
                .end()
                .onException(UnknownBusinessUnitException.class).handled(true)
                    .process(exchange -> reply(exchange, 400, "unknown_business_unit", caught(exchange)))
                .end()
                .onException(MessageNotFoundException.class).handled(true)
                    .process(exchange -> reply(exchange, 404, "not_found", caught(exchange)))
                .end()
                .onException(ReplayNotAllowedException.class).handled(true)
                    .process(exchange -> reply(exchange, 409, "conflict", caught(exchange)))
                .end()
                .onException(Exception.class).handled(true)
                    .process(this::unexpected)
                .end();
    }

    private void unauthorized(Exchange exchange) throws Exception {
        reply(exchange, 401, "unauthorized", caught(exchange));
        exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"mce-gateway\"");
    }

    private void unexpected(Exchange exchange) throws Exception {
        Exception failure = caught(exchange);
        LOG.error("Gateway API request failed unexpectedly ({})", failure.getClass().getName(), failure);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "internal_error");
        body.put("message", "The gateway could not complete the request. A message counts as accepted only after a "
                + "202 or 200; retrying with the same messageKey is safe.");
        write(exchange, 500, body);
    }

    private static Exception caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    private void reply(Exchange exchange, int status, String error, Exception cause) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (cause instanceof InvalidRequestException invalid && invalid.field() != null) {
            body.put("field", invalid.field());
        }
        body.put("message", cause.getMessage());
        write(exchange, status, body);
    }

    private void write(Exchange exchange, int status, Map<String, Object> body) throws Exception {
        if (exchange.isTransacted()) {
            // A refused or failed request stores nothing. Being handled, the exception would otherwise let the
            // batch's transaction commit the recipients stored before the failing one, and the caller's retry would
            // store those with generated keys twice. Rollback-only, not an exception, so this reply still goes out;
            // Camel carries the mark from the failing split step up to the transaction of the whole batch.
            exchange.setRollbackOnly(true);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
