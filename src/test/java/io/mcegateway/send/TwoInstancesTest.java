package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.api.ApiKeys;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import io.mcegateway.support.RunningGateway;
import io.mcegateway.support.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two gateway instances on one PostgreSQL: each message reaches MCE exactly once, whichever instance took it. */
class TwoInstancesTest {

    static final String KEY = "two-instances-test-key";

    @Test
    void two_instances_sharing_postgresql_never_send_a_message_twice() throws Exception {
        String schema = TestDatabases.newSchemaName();
        try (MceSandbox mce = MceSandbox.start(SandboxSettings.defaults().withPort(0));
                RunningGateway a = RunningGateway.start(settings(mce, schema, "a"));
                RunningGateway b = RunningGateway.start(settings(mce, schema, "b"))) {
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

    private static String[] settings(MceSandbox mce, String schema, String instance) {
        return new String[] {"mce.sandbox.enabled=false", "mce.auth-url=" + mce.baseUrl(),
                "mce.client-id=sandbox-client-id", "mce.client-secret=sandbox-client-secret",
                "gateway.api-keys=" + ApiKeys.digestOf(KEY), "gateway.instance-id=" + instance,
                "mce.send.batch-size=20",
                "spring.datasource.url=" + TestDatabases.POSTGRES_URL + "?currentSchema=" + schema,
                "spring.datasource.username=postgres", "spring.flyway.schemas=" + schema,
                "spring.flyway.create-schemas=true"};
    }
}
