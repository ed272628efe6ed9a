package io.mcegateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.api.ApiBodyLimitFilter;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.mce.BusinessUnitGate;
import io.mcegateway.mce.MceRestCall;
import io.mcegateway.token.BusinessUnits;
import io.mcegateway.token.TokenCache;
import io.mcegateway.token.TokenHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the token flow, the MCE REST call and the gateway API. Each bean is built by {@link GatewayBeans}, which
 * Camel JBang runs ({@code io.mcegateway.local.LocalGateway}) use too: add a bean there first, then here and in
 * LocalGateway.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    Clock clock() {
        return GatewayBeans.clock();
    }

    @Bean
    BusinessUnits businessUnits(MceProperties mce, ObjectProvider<BusinessUnits.SandboxAccess> sandbox) {
        return GatewayBeans.businessUnits(mce, sandbox.getIfAvailable());
    }

    @Bean
    ComponentCustomizer mceHttpClientSettings(MceProperties mce) {
        return ComponentCustomizer.forType(HttpComponent.class, http -> GatewayBeans.mceHttpClientSettings(http, mce));
    }

    @Bean(destroyMethod = "close")
    TokenCache tokenCache(ProducerTemplate producer, ObjectMapper json, MceProperties mce, Clock clock,
            MeterRegistry meters) {
        return GatewayBeans.tokenCache(producer, json, mce, clock, meters);
    }

    @Bean
    RoutesBuilder tokenRetryConfiguration(MceProperties mce, Clock clock) {
        return GatewayBeans.tokenRetryConfiguration(mce, clock);
    }

    @Bean
    RoutesBuilder fetchTokenRoute(ObjectMapper json, MceProperties mce, Clock clock, MeterRegistry meters) {
        return GatewayBeans.fetchTokenRoute(json, mce, clock, meters);
    }

    @Bean
    @DependsOnDatabaseInitialization
    BusinessUnitGate businessUnitGate(SendProperties send, Clock clock, DataSource dataSource) {
        return GatewayBeans.businessUnitGate(send, clock, dataSource);
    }

    @Bean
    MceRestCall mceRestCall(BusinessUnits units, TokenCache tokens, BusinessUnitGate gate, ObjectMapper json,
            Clock clock, MeterRegistry meters, Masker exchangeMasker) {
        return GatewayBeans.mceRestCall(units, tokens, gate, json, clock, meters, exchangeMasker);
    }

    @Bean
    RoutesBuilder mceRestRoutes(MceRestCall call) {
        return GatewayBeans.mceRestRoutes(call);
    }

    /** The gateway-api route configuration, which also checks every API request's key. */
    @Bean
    RoutesBuilder gatewayApiErrors(ObjectMapper json, GatewayProperties gateway, BusinessUnits units,
            ObjectProvider<BusinessUnits.SandboxAccess> sandbox) {
        return GatewayBeans.gatewayApiErrors(json, gateway, units, sandbox.getIfAvailable());
    }

    /**
     * Spring only: bounds what the servlet binding reads of a gateway API request body. Camel JBang runs have no
     * servlet container. Covers /api/*, where the REST DSL (routes/gateway-api.camel.yaml) serves the gateway API.
     */
    @Bean
    FilterRegistrationBean<ApiBodyLimitFilter> apiBodyLimitFilter(SendProperties send) {
        FilterRegistrationBean<ApiBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new ApiBodyLimitFilter(send.maxBodySize().toBytes()));
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /**
     * Spring only: Tomcat passes %2F in a path through, as Camel JBang's Vert.x does, instead of refusing the request
     * (an HTML 400), so a messageKey with a '/' (MCE allows any character) can be read and replayed by its path.
     * The gateway decodes that segment only as a key; Spring's static resource handling refuses encoded slashes
     * on its own, so they cannot reach a file.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashInPath() {
        return tomcat -> tomcat.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling(
                EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /** Spring only (actuator health); Camel JBang runs have no actuator. */
    @Bean
    TokenHealthIndicator mceTokenHealthIndicator(TokenCache tokens) {
        return new TokenHealthIndicator(tokens);
    }
}
