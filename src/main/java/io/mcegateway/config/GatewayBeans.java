package io.mcegateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.api.ApiKeys;
import io.mcegateway.api.GatewayApiErrors;
import io.mcegateway.config.MceProperties.HttpProperties;
import io.mcegateway.config.MceProperties.SandboxProperties;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.mce.BackoffPolicy;
import io.mcegateway.mce.BusinessUnitGate;
import io.mcegateway.mce.DatabasePauses;
import io.mcegateway.mce.MceCallMetrics;
import io.mcegateway.mce.MceFailureClassifier;
import io.mcegateway.mce.MceHttpClient;
import io.mcegateway.mce.MceRestCall;
import io.mcegateway.mce.MceRestRoutes;
import io.mcegateway.mce.RetryDelay;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.send.AcceptedMessages;
import io.mcegateway.send.ClaimLease;
import io.mcegateway.send.DeliveryQueue;
import io.mcegateway.send.MessageBatches;
import io.mcegateway.send.MessageReplies;
import io.mcegateway.send.MessageStatus;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.SendBatches;
import io.mcegateway.send.SendRequests;
import io.mcegateway.send.StatusCheckAllowance;
import io.mcegateway.token.BusinessUnits;
import io.mcegateway.token.CamelTokenClient;
import io.mcegateway.token.TokenAttempts;
import io.mcegateway.token.TokenCache;
import io.mcegateway.token.TokenRequestWriter;
import io.mcegateway.token.TokenResponseReader;
import io.mcegateway.token.TokenRoutes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How each of the gateway's beans is built: one method per bean, named as the bean is named in both runtimes (the
 * names the YAML routes in {@code routes/} refer to). The Spring {@code @Bean} methods of
 * {@link GatewayConfiguration}, {@link SendConfiguration} and {@link SandboxConfiguration} call these methods, and so
 * does {@code io.mcegateway.local.LocalGateway} for Camel JBang runs, so each bean is constructed in exactly one
 * place. Plain Java on purpose: nothing here needs Spring Boot, which Camel JBang runs do not have.
 *
 * <p>To add a bean that a route uses: add its method here, call it from a {@code @Bean} method of the Spring
 * configuration and from {@code LocalGateway} (one line each). {@code LocalGatewayTest} fails while LocalGateway
 * lacks a bean or Java route builder that the Spring configuration declares.
 *
 * <p>What Spring Boot's auto-configuration provides (the JSON mapper, the meter registry, the DataSource, Flyway and
 * the transaction manager) is not built here: LocalGateway makes its own for Camel JBang runs.
 */
public final class GatewayBeans {

    private GatewayBeans() {
    }

    // ---- Token flow, MCE calls, gateway API ----

    public static Clock clock() {
        return Clock.systemUTC();
    }

    /** @param sandbox access to the embedded sandbox; null when it does not run */
    public static BusinessUnits businessUnits(MceProperties mce, BusinessUnits.SandboxAccess sandbox) {
        return BusinessUnits.from(mce, sandbox);
    }

    /** Timeouts and pool of Camel's http component, which every MCE call uses ({@code mceHttpClientSettings}). */
    public static void mceHttpClientSettings(HttpComponent http, MceProperties mce) {
        MceHttpClient.configure(http, mce.http());
    }

    /** Close it when the runtime stops. */
    public static TokenCache tokenCache(ProducerTemplate producer, ObjectMapper json, MceProperties mce, Clock clock,
            MeterRegistry meters) {
        AtomicInteger threads = new AtomicInteger();
        return new TokenCache(new CamelTokenClient(producer, json, clock), mce.token(), clock,
                Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "mce-token-fetch-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }),
                meters);
    }

    public static RoutesBuilder tokenRetryConfiguration(MceProperties mce, Clock clock) {
        BackoffPolicy backoff = new BackoffPolicy(mce.token().retry());
        return TokenRoutes.retryConfiguration(new RetryDelay(backoff, clock, "MCE token request"),
                backoff.maxRedeliveries());
    }

    public static RoutesBuilder fetchTokenRoute(ObjectMapper json, MceProperties mce, Clock clock,
            MeterRegistry meters) {
        return TokenRoutes.fetchToken(new TokenRequestWriter(json),
                new TokenResponseReader(json, clock, mce.token().expiryMargin()), new TokenAttempts(meters));
    }

    /** Needs the database schema (Flyway) in place. */
    public static BusinessUnitGate businessUnitGate(SendProperties send, Clock clock, DataSource dataSource) {
        return new BusinessUnitGate(send.concurrentCallsPerBusinessUnit(), send.rateLimitPause(),
                send.callSlotWait(), clock, new DatabasePauses(dataSource));
    }

    /** @param exchangeMasker masks MCE's error texts before they are stored with a message or logged */
    public static MceRestCall mceRestCall(BusinessUnits units, TokenCache tokens, BusinessUnitGate gate,
            ObjectMapper json, Clock clock, MeterRegistry meters, Masker exchangeMasker) {
        return new MceRestCall(units, tokens, gate, new MceFailureClassifier(json, clock), new MceCallMetrics(meters),
                exchangeMasker);
    }

    public static RoutesBuilder mceRestRoutes(MceRestCall call) {
        return new MceRestRoutes(call);
    }

    /**
     * The {@code gateway-api} route configuration: API key check and JSON errors. Refuses to build (so the gateway
     * refuses to start) without {@code gateway.api-keys} unless every business unit talks to the embedded sandbox:
     * a running sandbox alone does not mean that no business unit reaches real MCE.
     *
     * @param sandbox access to the embedded sandbox; null when it does not run
     */
    public static RoutesBuilder gatewayApiErrors(ObjectMapper json, GatewayProperties gateway, BusinessUnits units,
            BusinessUnits.SandboxAccess sandbox) {
        return new GatewayApiErrors(json, ApiKeys.from(gateway.apiKeys(), units.notOnSandbox(sandbox)));
    }

    // ---- Embedded MCE sandbox (only when mce.sandbox.enabled) ----

    /** Starts it; close it when the runtime stops. */
    public static MceSandbox mceSandbox(MceProperties mce) {
        SandboxProperties sandbox = mce.sandbox();
        return MceSandbox.start(SandboxSettings.defaults()
                .withPort(sandbox.port())
                .withClient(sandbox.clientId(), sandbox.clientSecret().reveal())
                .withTokenLifetime(sandbox.tokenLifetime())
                .withExpiresInMargin(sandbox.expiresInMargin())
                .withDuplicateKeyWindow(sandbox.duplicateKeyWindow())
                .withStatusDelay(sandbox.statusDelay())
                .withNotSentRatio(sandbox.notSentRatio()));
    }

    public static BusinessUnits.SandboxAccess sandboxAccess(MceSandbox sandbox, MceProperties mce) {
        return new BusinessUnits.SandboxAccess(sandbox.baseUrl(), mce.sandbox().clientId(),
                mce.sandbox().clientSecret());
    }

    // ---- Send flow ----

    /** Needs the database schema (Flyway) in place. */
    public static MessageStore messageStore(DataSource dataSource, Clock clock, MeterRegistry meters) {
        MessageStore store = new MessageStore(dataSource, clock);
        for (MessageStatus status : MessageStatus.values()) {
            Gauge.builder("gateway.messages", store, s -> s.count(status))
                    .description("Stored messages by status").tag("status", status.name()).register(meters);
        }
        return store;
    }

    /**
     * The transaction of the {@code transacted} step that stores a batch (required propagation: one transaction for
     * the whole batch), over the message store's transaction manager. The route names it ({@code ref}) because Camel
     * JBang binds do-nothing policies under Camel's default names for an unnamed {@code transacted}.
     */
    public static SpringTransactionPolicy storeTransaction(PlatformTransactionManager transactionManager) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactionManager);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    public static AcceptedMessages acceptedMessages(MessageStore store, MeterRegistry meters) {
        return new AcceptedMessages(store, meters);
    }

    public static SendRequests sendRequests(ObjectMapper json, BusinessUnits units, SendProperties send) {
        return new SendRequests(json, units, send.maxBodySize().toBytes());
    }

    public static MessageReplies messageReplies(ObjectMapper json, MessageStore store) {
        return new MessageReplies(json, store);
    }

    /**
     * Call {@link DeliveryQueue#resume()} once the runtime has built it (Spring: its init method).
     *
     * <p>Refuses to build (so the gateway refuses to start) when the claim lease is not comfortably longer than the
     * longest MCE request ({@link ClaimLease}).
     *
     * @param port the gateway API's port, part of the default instance id
     */
    public static DeliveryQueue deliveryQueue(MessageStore store, GatewayProperties gateway, SendProperties send,
            MceProperties mce, StatusProperties status, Clock clock, int port) throws UnknownHostException {
        String instanceId = gateway.instanceId() != null && !gateway.instanceId().isBlank() ? gateway.instanceId()
                : InetAddress.getLocalHost().getHostName() + ":" + port;
        HttpProperties http = mce.http();
        ClaimLease lease = new ClaimLease(send.claimLease(),
                http.poolTimeout().plus(http.connectTimeout()).plus(http.responseTimeout()));
        return new DeliveryQueue(store, instanceId, lease, send.claimLimit(),
                new StatusCheckAllowance(status.maxChecksPerPeriod(), status.budgetPeriod(), clock));
    }

    public static SendBatches sendBatches(ObjectMapper json, MessageStore store, DeliveryQueue queue,
            SendProperties send, Clock clock, MeterRegistry meters) {
        return new SendBatches(json, store, queue.lease(), send.unknownOutcomeCheckDelay(),
                send.noTokenRetryDelay(), clock, meters);
    }

    public static MessageBatches messageBatches(SendProperties send, Clock clock) {
        return new MessageBatches(clock, send.batchWindow());
    }

    /** onExceptionOccurred of the send flow's retries: backoff with jitter, or MCE's Retry-After. */
    public static Processor sendRetryDelay(SendProperties send, Clock clock) {
        return new RetryDelay(new BackoffPolicy(send.retry()), clock, "MCE send");
    }

    /** onRedelivery of the send flow: rebuilds the request from the messages still held; counts the retry. */
    public static Processor sendRedelivery(SendBatches batches) {
        return batches::redelivering;
    }
}
