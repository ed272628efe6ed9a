package io.mcegateway.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.api.ApiKeys;
import io.mcegateway.api.GatewayApiErrors;
import io.mcegateway.api.SingleSendRequest;
import io.mcegateway.config.MceProperties;
import io.mcegateway.config.MceProperties.SandboxProperties;
import io.mcegateway.mce.BackoffPolicy;
import io.mcegateway.mce.MceHttpClient;
import io.mcegateway.mce.MceRestCall;
import io.mcegateway.mce.MceRestRoutes;
import io.mcegateway.mce.RetryDelay;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.token.BusinessUnits;
import io.mcegateway.token.CamelTokenClient;
import io.mcegateway.token.TokenCache;
import io.mcegateway.token.TokenRequestWriter;
import io.mcegateway.token.TokenResponseReader;
import io.mcegateway.token.TokenRoutes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway for runs without Spring Boot: Camel JBang ({@code camel run}) or plain Camel Main, named in
 * {@code config/local.properties} as {@code camel.main.configuration-classes}. It builds the same object graph as
 * {@code config.GatewayConfiguration}, with the same constructors, from the same {@code mce.*} and {@code gateway.*}
 * settings (read from Camel's properties by {@link LocalSettings}), and binds the beans under the names the YAML
 * routes use. So {@code routes/*.camel.yaml} run unchanged in both runtimes.
 *
 * <p>Keep it in step with GatewayConfiguration: a bean or Java route the YAML routes need must be added in both
 * ({@code LocalRunIT} runs the routes under Camel JBang and fails when one is missing). Spring-only parts stay out:
 * actuator health and the Prometheus registry (meters go to an in-memory registry here).
 */
public final class LocalGateway implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);

    @Override
    public void configure(CamelContext camel) throws Exception {
        PropertiesComponent properties = camel.getPropertiesComponent();
        LocalSettings settings = new LocalSettings(properties::resolveProperty,
                properties.loadProperties(name -> name.startsWith("mce.business-units.")));
        MceProperties mce = settings.mce();
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();

        BusinessUnits.SandboxAccess sandbox = null;
        if (LocalSettings.sandboxEnabled(mce)) {
            MceSandbox running = startSandbox(mce.sandbox());
            camel.addService(new Closer("mce-sandbox", running));
            sandbox = new BusinessUnits.SandboxAccess(running.baseUrl(), mce.sandbox().clientId(),
                    mce.sandbox().clientSecret());
            LOG.info("MCE sandbox listening on {} (ledger: {}/sandbox/ledger/summary)", running.baseUrl(),
                    running.baseUrl());
        }
        BusinessUnits units = BusinessUnits.from(mce, sandbox);
        ApiKeys apiKeys = ApiKeys.from(settings.apiKeys(), sandbox != null);

        MceHttpClient.configure(camel.getComponent("http", HttpComponent.class), mce.http());

        AtomicInteger threads = new AtomicInteger();
        TokenCache tokens = new TokenCache(new CamelTokenClient(camel.createProducerTemplate(), json), mce.token(),
                clock,
                Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "mce-token-fetch-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }),
                new SimpleMeterRegistry());
        camel.addService(new Closer("mce-token-cache", tokens));
        MceRestCall restCall = new MceRestCall(units, tokens);

        camel.getRegistry().bind("businessUnits", units);
        camel.getRegistry().bind("tokenCache", tokens);
        camel.getRegistry().bind("mceRestCall", restCall);
        camel.getRegistry().bind("singleSendRequest", new SingleSendRequest(json));

        BackoffPolicy backoff = new BackoffPolicy(mce.token().retry());
        camel.addRoutes(TokenRoutes.retryConfiguration(new RetryDelay(backoff, clock, "MCE token request"),
                backoff.maxRedeliveries()));
        camel.addRoutes(TokenRoutes.fetchToken(new TokenRequestWriter(json),
                new TokenResponseReader(json, clock, mce.token().expiryMargin())));
        camel.addRoutes(new MceRestRoutes(restCall));
        camel.addRoutes(new GatewayApiErrors(json, apiKeys));
    }

    private static MceSandbox startSandbox(SandboxProperties sandbox) {
        return MceSandbox.start(SandboxSettings.defaults()
                .withPort(sandbox.port())
                .withClient(sandbox.clientId(), sandbox.clientSecret().reveal())
                .withTokenLifetime(sandbox.tokenLifetime())
                .withExpiresInMargin(sandbox.expiresInMargin())
                .withDuplicateKeyWindow(sandbox.duplicateKeyWindow())
                .withStatusDelay(sandbox.statusDelay())
                .withNotSentRatio(sandbox.notSentRatio()));
    }

    /** Closes what the gateway started when Camel stops, as Spring's destroy methods do. */
    private static final class Closer extends ServiceSupport {

        private final String name;
        private final AutoCloseable resource;

        Closer(String name, AutoCloseable resource) {
            this.name = name;
            this.resource = resource;
        }

        @Override
        protected void doStop() throws Exception {
            resource.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
