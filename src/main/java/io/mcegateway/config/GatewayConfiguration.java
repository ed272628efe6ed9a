package io.mcegateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.api.ApiKeys;
import io.mcegateway.api.GatewayApiErrors;
import io.mcegateway.api.SingleSendRequest;
import io.mcegateway.mce.BackoffPolicy;
import io.mcegateway.mce.MceHttpClient;
import io.mcegateway.mce.MceRestCall;
import io.mcegateway.mce.MceRestRoutes;
import io.mcegateway.mce.RetryDelay;
import io.mcegateway.token.BusinessUnits;
import io.mcegateway.token.CamelTokenClient;
import io.mcegateway.token.TokenCache;
import io.mcegateway.token.TokenHealthIndicator;
import io.mcegateway.token.TokenRequestWriter;
import io.mcegateway.token.TokenResponseReader;
import io.mcegateway.token.TokenRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the token flow, the MCE REST call and the gateway API. Camel JBang runs build the same graph without Spring
 * in {@code io.mcegateway.local.LocalGateway}: a bean or route builder the routes need must be added there too.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BusinessUnits businessUnits(MceProperties mce, ObjectProvider<BusinessUnits.SandboxAccess> sandbox) {
        return BusinessUnits.from(mce, sandbox.getIfAvailable());
    }

    @Bean
    ComponentCustomizer mceHttpClientSettings(MceProperties mce) {
        return ComponentCustomizer.forType(HttpComponent.class, http -> MceHttpClient.configure(http, mce.http()));
    }

    @Bean(destroyMethod = "close")
    TokenCache tokenCache(ProducerTemplate producer, ObjectMapper json, MceProperties mce, Clock clock,
            MeterRegistry meters) {
        AtomicInteger threads = new AtomicInteger();
        return new TokenCache(new CamelTokenClient(producer, json), mce.token(), clock,
                Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "mce-token-fetch-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }),
                meters);
    }

    @Bean
    RoutesBuilder tokenRetryConfiguration(MceProperties mce, Clock clock) {
        BackoffPolicy backoff = new BackoffPolicy(mce.token().retry());
        return TokenRoutes.retryConfiguration(new RetryDelay(backoff, clock, "MCE token request"),
                backoff.maxRedeliveries());
    }

    @Bean
    RoutesBuilder fetchTokenRoute(ObjectMapper json, MceProperties mce, Clock clock) {
        return TokenRoutes.fetchToken(new TokenRequestWriter(json),
                new TokenResponseReader(json, clock, mce.token().expiryMargin()));
    }

    @Bean
    MceRestCall mceRestCall(BusinessUnits units, TokenCache tokens) {
        return new MceRestCall(units, tokens);
    }

    @Bean
    RoutesBuilder mceRestRoutes(MceRestCall call) {
        return new MceRestRoutes(call);
    }

    @Bean
    RoutesBuilder gatewayApiErrors(ObjectMapper json, GatewayProperties gateway,
            ObjectProvider<BusinessUnits.SandboxAccess> sandbox) {
        return new GatewayApiErrors(json, ApiKeys.from(gateway.apiKeys(), sandbox.getIfAvailable() != null));
    }

    @Bean
    SingleSendRequest singleSendRequest(ObjectMapper json) {
        return new SingleSendRequest(json);
    }

    @Bean
    TokenHealthIndicator mceTokenHealthIndicator(TokenCache tokens) {
        return new TokenHealthIndicator(tokens);
    }
}
