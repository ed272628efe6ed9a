package io.mcegateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.mcegateway.config.GatewayConfiguration;
import io.mcegateway.config.SandboxConfiguration;
import io.mcegateway.config.SendConfiguration;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.yaml.snakeyaml.Yaml;

/**
 * LocalGateway (Camel JBang runs) provides what the Spring configuration provides, under the same names, and every
 * bean the YAML routes refer to. Fast and in-process; LocalRunIT runs the routes themselves under Camel JBang.
 */
class LocalGatewayTest {

    /** Spring-only beans: actuator health and Tomcat's settings have no counterpart without Spring Boot. */
    private static final Set<String> SPRING_ONLY = Set.of("mceTokenHealthIndicator", "mceErrorTrendHealthIndicator",
            "applicationLogMasking", "tracerWithoutMessageData", "apiBodyLimitFilter", "encodedSlashInPath");
    /** YAML keys whose value names a bean of the registry. */
    private static final Set<String> BEAN_REFERENCES = Set.of("ref", "idempotentRepository", "aggregationStrategy",
            "onExceptionOccurredRef", "onRedeliveryRef");

    @Test
    void every_bean_and_route_builder_of_the_spring_configuration_is_provided_under_its_spring_name()
            throws Exception {
        try (DefaultCamelContext camel = localCamel()) {
            List<String> provided = new LocalGateway().wire(camel).names();
            camel.start();

            Set<String> spring = new TreeSet<>();
            for (Class<?> configuration : List.of(GatewayConfiguration.class, SendConfiguration.class,
                    SandboxConfiguration.class, io.mcegateway.config.StatusConfiguration.class,
                    io.mcegateway.config.ExchangeLogConfiguration.class)) {
                Arrays.stream(configuration.getDeclaredMethods()).filter(method -> method.isAnnotationPresent(Bean.class))
                        .map(Method::getName).filter(name -> !SPRING_ONLY.contains(name)).forEach(spring::add);
            }
            assertThat(spring).as("@Bean methods found").hasSizeGreaterThan(20);
            assertThat(provided).containsAll(spring).doesNotHaveDuplicates();
        }
    }

    @Test
    void every_bean_the_yaml_routes_refer_to_is_in_the_registry() throws Exception {
        Set<String> referenced = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    collectReferences(new Yaml().load(reader), referenced);
                }
            }
        }
        assertThat(referenced).as("bean references in routes/").contains("acceptedMessages", "storeTransaction",
                "messageBatches", "sendRetryDelay", "sendRedelivery", "deliveryQueue", "statusChecks");

        try (DefaultCamelContext camel = localCamel()) {
            new LocalGateway().wire(camel);
            camel.start();
            referenced.forEach(name -> assertThat(camel.getRegistry().lookupByName(name))
                    .as("bean %s in the registry", name).isNotNull());
        }
    }

    @Test
    void the_store_is_migrated_at_start_and_closed_when_camel_stops() throws Exception {
        HikariDataSource dataSource;
        try (DefaultCamelContext camel = localCamel()) {
            new LocalGateway().wire(camel);
            camel.start();
            dataSource = camel.getRegistry().lookupByNameAndType("dataSource", HikariDataSource.class);
            try (var connection = dataSource.getConnection();
                    var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM gateway_message")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isZero();
            }
            camel.stop();
        }
        assertThat(dataSource.isClosed()).isTrue();
    }

    private static void collectReferences(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (BEAN_REFERENCES.contains(String.valueOf(key)) && value instanceof String name
                        && !name.startsWith("#")) {
                    names.add(name);
                } else {
                    collectReferences(value, names);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, names));
        }
    }

    /** A Camel context with config/local.properties, an in-memory store and a sandbox on a free port. */
    private static DefaultCamelContext localCamel() throws IOException {
        Properties local = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/local.properties"))) {
            local.load(reader);
        }
        local.setProperty("mce.sandbox.port", "0");
        local.setProperty("spring.datasource.url",
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(local);
        // No HTTP server here (Camel JBang brings Vert.x): the gateway's own API routes only need to start.
        camel.getComponent("platform-http", org.apache.camel.component.platform.http.PlatformHttpComponent.class)
                .setEngine((PlatformHttpEngine) QuietHttpConsumer::new);
        return camel;
    }

    /** Accepts no requests; lets routes from platform-http start without a server. */
    private static final class QuietHttpConsumer extends org.apache.camel.support.DefaultConsumer
            implements PlatformHttpConsumer {

        QuietHttpConsumer(PlatformHttpEndpoint endpoint, org.apache.camel.Processor processor) {
            super(endpoint, processor);
        }

        @Override
        public PlatformHttpEndpoint getEndpoint() {
            return (PlatformHttpEndpoint) super.getEndpoint();
        }
    }
}
