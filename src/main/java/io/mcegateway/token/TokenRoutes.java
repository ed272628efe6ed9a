package io.mcegateway.token;

import io.mcegateway.mce.MceFailures;
import io.mcegateway.mce.MceHttp;
import io.mcegateway.mce.RetryDelay;
import java.io.IOException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * The token-fetch flow: one POST to {@code {auth-url}/v2/token}, retried with backoff and jitter on 5xx, 429 and
 * network faults (Retry-After first), never on 400/401. Java DSL because integration teams have no reason to edit
 * it; {@link TokenCache} decides when it runs.
 */
public final class TokenRoutes {

    public static final String FETCH_TOKEN = "direct:fetch-token";
    public static final String RETRY_CONFIGURATION = "mce-token-retry";
    static final String TOKEN_ATTEMPT = "direct:token-attempt";

    private TokenRoutes() {
    }

    /** Retry policy of the token route, as a route configuration the route opts into by id. */
    public static RouteConfigurationBuilder retryConfiguration(RetryDelay retryDelay, int maxRedeliveries) {
        return new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                // The caller (TokenCache) reports failures; Camel's own exhausted log would print the request.
                RouteConfigurationDefinition retry = routeConfiguration(RETRY_CONFIGURATION);
                retry.errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
                retry.onException(HttpOperationFailedException.class, IOException.class)
                        .onWhen(exchange -> MceFailures.isRetryable(exchange.getException()))
                        .maximumRedeliveries(maxRedeliveries)
                        .onExceptionOccurred(retryDelay)
                        .logExhausted(false)
                        .logRetryAttempted(false)
                        .end();
            }
        };
    }

    public static RouteBuilder fetchToken(TokenRequestWriter writer, TokenResponseReader reader,
            TokenAttempts attempts) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // Called by TokenCache (CamelTokenClient) when a business unit needs a new token.
                from(FETCH_TOKEN).routeId("fetch-token")
                        .description("Requests a client-credentials token from the MCE auth API")
                        .routeConfigurationId(RETRY_CONFIGURATION)
                        .process(writer::write).id("write-token-request")
                        // A route of its own, so that each redelivery runs it whole and counts itself.
                        .to(TOKEN_ATTEMPT).id("attempt-token-request");

                // Called by fetch-token only, once per attempt.
                from(TOKEN_ATTEMPT).routeId("token-attempt")
                        .description("One POST to the MCE auth API, counted by outcome")
                        .errorHandler(noErrorHandler())
                        .doTry()
                            .to(MceHttp.ENDPOINT).id("call-mce-auth")
                            .process(reader::read).id("read-token-response")
                            .process(attempts::issued).id("count-token-issued")
                        .doCatch(Exception.class)
                            .process(attempts::failed).id("count-failed-token-attempt")
                        .end();
            }
        };
    }
}
