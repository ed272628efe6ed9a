package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.api.ApiKeys;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import io.mcegateway.support.RunningGateway;
import io.mcegateway.support.TestDatabases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gateway instances on one PostgreSQL: each message reaches MCE exactly once, whichever instance took it, also while
 * a new run of an instance starts before its old process has stopped.
 */
class TwoInstancesTest {

    static final String KEY = "two-instances-test-key";

    @Test
    void two_instances_sharing_postgresql_never_send_a_message_twice() throws Exception {
        String schema = TestDatabases.newSchemaName();
        try (MceSandbox mce = MceSandbox.start(SandboxSettings.defaults().withPort(0));
                RunningGateway a = RunningGateway.start(settings(mce, schema, "a", "mce.send.batch-size=20"));
                RunningGateway b = RunningGateway.start(settings(mce, schema, "b", "mce.send.batch-size=20"))) {
            mce.faults().script("email-batch", SendFlowTest.faultMix(new Random(11)));
            List<String> keys = IntStream.range(0, 1000).mapToObj(i -> "twin-" + i).toList();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            GatewayClient toA = a.client(KEY);
            GatewayClient toB = b.client(KEY);
            List<CompletableFuture<Integer>> posts = new ArrayList<>();
            for (String key : keys) {
                // Every message is posted to both instances at once: the database must settle who accepts it.
                posts.add(CompletableFuture.supplyAsync(() -> toA.sendEmail(key).statusCode(), clients));
                posts.add(CompletableFuture.supplyAsync(() -> toB.sendEmail(key).statusCode(), clients));
            }
            int accepted = 0;
            for (CompletableFuture<Integer> post : posts) {
                int status = post.get(60, TimeUnit.SECONDS);
                assertThat(status).isIn(200, 202);
                accepted += status == 202 ? 1 : 0;
            }
            clients.shutdown();
            assertThat(accepted).as("one 202 per messageKey across both instances").isEqualTo(1000);

            Eventually.within(Duration.ofSeconds(120)).until(() -> mce.ledger().acceptedCounts("email").size() == 1000);
            assertThat(mce.ledger().acceptedCounts("email").values()).as("exactly once").containsOnly(1);
            assertThat(mce.ledger().duplicateRejections("email")).as("keys posted again after MCE had them").isZero();
            System.out.printf("two instances: 1000 messages posted to both, %d MCE batch requests, %d status checks%n",
                    mce.ledger().requestCount("email-batch"), mce.ledger().requestCount("email-status"));
        }
    }

    @Test
    void a_run_started_with_the_same_instance_id_while_the_old_process_still_runs_never_sends_a_message_twice()
            throws Exception {
        String schema = TestDatabases.newSchemaName();
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> "rolling-" + i).toList();
        // A batch window of 10 minutes: the old process holds what it claims until the test lets its batch go.
        try (MceSandbox mce = MceSandbox.start(SandboxSettings.defaults().withPort(0));
                RunningGateway old = RunningGateway.start(settings(mce, schema, "same", "mce.send.batch-size=2000",
                        "mce.send.batch-window=600000"))) {
            String recipients = keys.stream().map(key -> "{\"contactKey\":\"" + key + "\",\"to\":\"" + key
                    + "@example.com\",\"messageKey\":\"" + key + "\"}").collect(Collectors.joining(","));
            assertThat(old.client(KEY).sendEmailBatch("{\"definitionKey\":\"d\",\"recipients\":[" + recipients
                    + "]}").statusCode()).isEqualTo(202);
            JdbcTemplate store = new JdbcTemplate(old.bean(DataSource.class));
            Eventually.soon().until(() -> store.queryForObject(
                    "SELECT COUNT(*) FROM gateway_message WHERE claim_id IS NOT NULL", Integer.class) == 100);
            // The old process is shutting down: its poller has stopped, its claimed batch is still on its way.
            CamelContext oldCamel = old.bean(CamelContext.class);
            oldCamel.getRouteController().stopRoute("claim-due-messages");

            try (RunningGateway restarted = RunningGateway.start(settings(mce, schema, "same"))) {
                Eventually.within(Duration.ofSeconds(60)).until(() -> mce.ledger().acceptedCounts("email").size()
                        == 100);
                // The old process's batch leaves now, with claims the new run took over at its start.
                oldCamel.createProducerTemplate().sendBodyAndHeader("direct:batch-messages", null,
                        Exchange.AGGREGATION_COMPLETE_ALL_GROUPS, true);
                Eventually.soon().until(() -> claimsLost(old) == 100);

                assertThat(mce.ledger().acceptedCounts("email")).containsOnlyKeys(keys);
                assertThat(mce.ledger().acceptedCounts("email").values()).as("exactly once").containsOnly(1);
                assertThat(mce.ledger().duplicateRejections("email")).as("keys posted again after MCE had them")
                        .isZero();
            }
        }
    }

    private static double claimsLost(RunningGateway gateway) {
        Counter lost = gateway.bean(MeterRegistry.class).find("gateway.send.claims.lost").counter();
        return lost == null ? 0 : lost.count();
    }

    private static String[] settings(MceSandbox mce, String schema, String instance, String... more) {
        List<String> settings = new ArrayList<>(List.of("mce.sandbox.enabled=false", "mce.auth-url=" + mce.baseUrl(),
                "mce.client-id=sandbox-client-id", "mce.client-secret=sandbox-client-secret",
                "gateway.api-keys=" + ApiKeys.digestOf(KEY), "gateway.instance-id=" + instance,
                "spring.datasource.url=" + TestDatabases.POSTGRES_URL + "?currentSchema=" + schema,
                "spring.datasource.username=postgres", "spring.flyway.schemas=" + schema,
                "spring.flyway.create-schemas=true"));
        settings.addAll(List.of(more));
        return settings.toArray(String[]::new);
    }
}
