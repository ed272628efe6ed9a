package io.mcegateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.mce.MceFailures;
import io.mcegateway.token.BusinessUnits.UnknownBusinessUnitException;
import io.mcegateway.token.CredentialsRejectedException;
import io.mcegateway.token.TokenUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * Route configuration {@value #ID}, which every gateway API route opts into: it lets a request in only with a valid
 * gateway API key ({@link ApiKeyCheck}, before the route's first step) and turns failures into JSON errors for
 * internal callers. Callers learn what went wrong and whose fault it is, never a credential or a stack trace.
 * Being part of Camel, it works the same under Spring Boot and under Camel JBang.
 */
public final class GatewayApiErrors extends RouteConfigurationBuilder {

    public static final String ID = "gateway-api";

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
                    .process(exchange -> reply(exchange, 400, "invalid_request",
                            exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidRequestException.class)))
                .end()
                .onException(UnknownBusinessUnitException.class).handled(true)
                    .process(exchange -> reply(exchange, 400, "unknown_business_unit", caught(exchange)))
                .end()
                .onException(CredentialsRejectedException.class).handled(true)
                    .process(exchange -> reply(exchange, 503, "mce_credentials_rejected", caught(exchange)))
                .end()
                .onException(TokenUnavailableException.class).handled(true)
                    .process(exchange -> reply(exchange, 503, "mce_token_unavailable", caught(exchange)))
                .end()
                .onException(HttpOperationFailedException.class).handled(true)
                    .process(this::mceFailure)
                .end()
                .onException(Exception.class).handled(true)
                    .process(exchange -> reply(exchange, 502, "mce_unreachable",
                            "MCE could not be reached: " + MceFailures.describe(caught(exchange))))
                .end();
    }

    private void unauthorized(Exchange exchange) throws Exception {
        reply(exchange, 401, "unauthorized", caught(exchange).getMessage());
        exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"mce-gateway\"");
    }

    private void mceFailure(Exchange exchange) throws Exception {
        HttpOperationFailedException failure = (HttpOperationFailedException) caught(exchange);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "mce_error");
        body.put("message", "MCE answered HTTP " + failure.getStatusCode());
        body.put("mceStatus", failure.getStatusCode());
        body.put("mceResponse", mceBody(failure.getResponseBody()));
        write(exchange, MceFailures.isRetryable(failure) ? 503 : 502, body);
    }

    private Object mceBody(String body) {
        try {
            return body == null ? null : json.readTree(body);
        } catch (Exception notJson) {
            return "(non-JSON response of " + body.length() + " characters)";
        }
    }

    private static Exception caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    private void reply(Exchange exchange, int status, String error, Exception cause) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", cause.getMessage());
        if (cause instanceof InvalidRequestException invalid && invalid.field() != null) {
            body.put("field", invalid.field());
        }
        write(exchange, status, body);
    }

    private void reply(Exchange exchange, int status, String error, String message) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        write(exchange, status, body);
    }

    private void write(Exchange exchange, int status, Map<String, Object> body) throws Exception {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
