package io.mcegateway.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mcegateway.config.ExchangeLogConfiguration;
import io.mcegateway.config.ExchangeLogProperties;
import io.mcegateway.config.GatewayBeans;
import io.mcegateway.config.StatusConfiguration;
import io.mcegateway.config.StatusProperties;
import io.mcegateway.exchangelog.ErrorTrend;
import io.mcegateway.mce.ExchangeRecorder;
import io.mcegateway.exchangelog.ExchangeLog;
import io.mcegateway.exchangelog.ExchangeStore;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.exchangelog.MaskingRules;
import io.mcegateway.status.ReconciliationStore;
import io.mcegateway.status.StatusBackoff;
import io.mcegateway.status.StatusBudget;
import io.mcegateway.config.GatewayProperties;
import io.mcegateway.config.MceProperties;
import io.mcegateway.config.SendProperties;
import io.mcegateway.mce.BusinessUnitGate;
import io.mcegateway.mce.MceRestCall;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.send.DeliveryQueue;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.SendBatches;
import io.mcegateway.token.BusinessUnits;
import io.mcegateway.token.TokenCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The gateway for runs without Spring Boot: Camel JBang ({@code camel run}) or plain Camel Main, named in
 * {@code config/local.properties} as {@code camel.main.configuration-classes}. It reads the {@code mce.*},
 * {@code gateway.*} and {@code spring.datasource.*} settings from Camel's properties ({@link LocalSettings}), builds
 * every bean and Java route builder with the factory methods the Spring configuration uses ({@link GatewayBeans},
 * and the public methods of {@link StatusConfiguration} and {@link ExchangeLogConfiguration}), so each bean is
 * constructed in one place, and binds the beans under their Spring bean names, which the YAML routes use. So
 * {@code routes/*.camel.yaml} run unchanged in both runtimes.
 *
 * <p>It also stands in for what Spring Boot's auto-configuration provides: the JSON mapper, an in-memory meter
 * registry, the message store's pooled DataSource (migrated by Flyway at start, as Spring Boot does), and the
 * JDBC transaction manager over it (Spring Boot's kind), which the {@code storeTransaction} policy of the batch
 * route's {@code transacted} step uses. Spring-only parts stay out: actuator health and the Prometheus registry.
 *
 * <p>A new bean for both runtimes: a factory method (in GatewayBeans, or a public {@code @Bean} method of the status
 * or exchange-log configuration), a {@code @Bean} method calling or being it, and one
 * {@code bean(...)} or {@code routes(...)} line here. {@code LocalGatewayTest} fails while one is missing here.
 */
public final class LocalGateway implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);

    @Override
    public void configure(CamelContext camel) throws Exception {
        wire(camel);
    }

    /** Builds, binds and adds everything; returns the names of what it provided, for tests. */
    Provided wire(CamelContext camel) throws Exception {
        PropertiesComponent properties = camel.getPropertiesComponent();
        LocalSettings settings = new LocalSettings(properties::resolveProperty,
                properties.loadProperties(name -> name.startsWith("mce.business-units.")));
        MceProperties mce = settings.mce();
        SendProperties send = settings.send();
        StatusProperties status = settings.status();
        GatewayProperties gateway = settings.gateway();
        int apiPort = properties.resolveProperty("camel.server.port").map(Integer::parseInt).orElse(8080);
        Provided provided = new Provided(camel);

        // What Spring Boot's auto-configuration provides in a deployed gateway.
        ObjectMapper json = new ObjectMapper();
        MeterRegistry meters = provided.bean("meterRegistry", new SimpleMeterRegistry());
        DataSource dataSource = provided.closing("dataSource", dataSource(settings.database()));
        migrate(dataSource);
        JdbcTransactionManager transactionManager = provided.bean("transactionManager",
                new JdbcTransactionManager(dataSource));

        // SandboxConfiguration (when mce.sandbox.enabled)
        BusinessUnits.SandboxAccess sandbox = null;
        if (LocalSettings.sandboxEnabled(mce)) {
            MceSandbox running = provided.closing("mceSandbox", GatewayBeans.mceSandbox(mce));
            sandbox = provided.bean("sandboxAccess", GatewayBeans.sandboxAccess(running, mce));
            LOG.info("MCE sandbox listening on {} (ledger: {}/sandbox/ledger/summary)", running.baseUrl(),
                    running.baseUrl());
        }

        // GatewayConfiguration
        Clock clock = provided.bean("clock", GatewayBeans.clock());
        BusinessUnits units = provided.bean("businessUnits", GatewayBeans.businessUnits(mce, sandbox));
        GatewayBeans.mceHttpClientSettings(camel.getComponent("http", HttpComponent.class), mce);
        provided.names.add("mceHttpClientSettings");
        TokenCache tokens = provided.closing("tokenCache",
                GatewayBeans.tokenCache(camel.createProducerTemplate(), json, mce, clock, meters));
        provided.routes("tokenRetryConfiguration", GatewayBeans.tokenRetryConfiguration(mce, clock));
        provided.routes("fetchTokenRoute", GatewayBeans.fetchTokenRoute(json, mce, clock, meters));
        BusinessUnitGate gate = provided.bean("businessUnitGate",
                GatewayBeans.businessUnitGate(send, clock, dataSource));
        // The exchange log's masker (ExchangeLogConfiguration) comes first: the REST call masks MCE's error texts.
        ExchangeLogProperties exchangeLogSettings = settings.exchangeLog();
        ExchangeLogConfiguration logBeans = new ExchangeLogConfiguration();
        MaskingRules rules = provided.bean("maskingRules",
                logBeans.maskingRules(exchangeLogSettings, units.notOnSandbox(sandbox)));
        Masker masker = provided.bean("exchangeMasker", logBeans.exchangeMasker(rules, units, tokens));
        MceRestCall restCall = provided.bean("mceRestCall",
                GatewayBeans.mceRestCall(units, tokens, gate, json, clock, meters, masker));
        provided.routes("mceRestRoutes", GatewayBeans.mceRestRoutes(restCall));
        provided.routes("gatewayApiErrors", GatewayBeans.gatewayApiErrors(json, gateway, units, sandbox));

        // SendConfiguration
        MessageStore store = provided.bean("messageStore", GatewayBeans.messageStore(dataSource, clock, meters));
        provided.bean("storeTransaction", GatewayBeans.storeTransaction(transactionManager));
        provided.bean("acceptedMessages", GatewayBeans.acceptedMessages(store, meters));
        provided.bean("sendRequests", GatewayBeans.sendRequests(json, units, send));
        provided.bean("messageReplies", GatewayBeans.messageReplies(json, store));
        DeliveryQueue queue = provided.bean("deliveryQueue", GatewayBeans.deliveryQueue(store, gateway, send, mce,
                status, clock, apiPort));
        queue.resume();
        SendBatches batches = provided.bean("sendBatches",
                GatewayBeans.sendBatches(json, store, queue, send, clock, meters));
        provided.bean("messageBatches", GatewayBeans.messageBatches(send, clock));
        provided.bean("sendRetryDelay", GatewayBeans.sendRetryDelay(send, clock));
        provided.bean("sendRedelivery", GatewayBeans.sendRedelivery(batches));

        // StatusConfiguration
        StatusConfiguration statusBeans = new StatusConfiguration();
        StatusBudget budget = provided.bean("statusBudget", statusBeans.statusBudget(status, clock, meters));
        provided.bean("statusChecks", statusBeans.statusChecks(json, store, send, clock, budget, meters));
        StatusBackoff backoff = provided.bean("statusBackoff", statusBeans.statusBackoff(status, clock));
        ReconciliationStore reconciliationStore = provided.bean("reconciliationStore",
                statusBeans.reconciliationStore(dataSource, store, clock, meters));
        provided.bean("reconciliationSchedule", statusBeans.reconciliationSchedule(status, clock));
        provided.bean("notSentSchedule", statusBeans.notSentSchedule(status, clock));
        provided.bean("reconciliation", statusBeans.reconciliation(reconciliationStore, backoff, status, send, queue,
                clock, meters));
        provided.bean("notSentFeed", statusBeans.notSentFeed(reconciliationStore, backoff, budget, json, status, send,
                queue, clock, meters));
        provided.bean("liveStatuses", statusBeans.liveStatuses(store, json, status, clock));

        // The rest of ExchangeLogConfiguration (health and Spring's log masking stay Spring-only)
        ErrorTrend trend = provided.bean("errorTrend", logBeans.errorTrend(exchangeLogSettings, clock, meters));
        ExchangeStore exchanges = provided.bean("exchangeStore", logBeans.exchangeStore(exchangeLogSettings, clock,
                trend));
        ExchangeLog exchangeLog = provided.bean("exchangeLog", logBeans.exchangeLog(masker, trend, exchanges, meters,
                clock));
        ExchangeRecorder recorder = provided.closing("exchangeRecorder", logBeans.exchangeRecorder(exchangeLog,
                exchangeLogSettings, meters));
        provided.routes("mceHttpCallRoutes", logBeans.mceHttpCallRoutes(recorder, clock, meters));
        provided.routes("supportBundleRoutes", logBeans.supportBundleRoutes(exchangeLog, json));
        return provided;
    }

    /** A pool over the message store's database, as Spring Boot makes one (HikariCP, its default pool size). */
    static HikariDataSource dataSource(LocalSettings.Database database) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("mce-gateway-store");
        pool.setJdbcUrl(database.url());
        // Named, because java.sql.DriverManager does not see drivers that Camel JBang loaded after it started.
        if (database.url().startsWith("jdbc:h2:")) {
            pool.setDriverClassName("org.h2.Driver");
        } else if (database.url().startsWith("jdbc:postgresql:")) {
            pool.setDriverClassName("org.postgresql.Driver");
        }
        pool.setUsername(database.username());
        if (database.password() != null) {
            pool.setPassword(database.password().reveal());
        }
        return new HikariDataSource(pool);
    }

    /** Creates or upgrades the schema from db/migration in the gateway's jar, as Spring Boot's Flyway does. */
    static void migrate(DataSource dataSource) {
        Flyway.configure(LocalGateway.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /**
     * Binds beans under their Spring bean names, adds route builders, closes what needs closing when Camel stops
     * (as Spring's destroy methods do; Camel stops services in reverse order, so the database closes last), and
     * remembers every name.
     */
    static final class Provided {

        private final CamelContext camel;
        private final List<String> names = new ArrayList<>();

        Provided(CamelContext camel) {
            this.camel = camel;
        }

        <T> T bean(String name, T bean) {
            camel.getRegistry().bind(name, bean);
            names.add(name);
            return bean;
        }

        <T extends AutoCloseable> T closing(String name, T bean) throws Exception {
            camel.addService(new Closer(name, bean));
            return bean(name, bean);
        }

        void routes(String name, RoutesBuilder routes) throws Exception {
            camel.addRoutes(routes);
            names.add(name);
        }

        /** Names of the beans bound and route builders added, as Spring names them. */
        List<String> names() {
            return Collections.unmodifiableList(names);
        }
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
