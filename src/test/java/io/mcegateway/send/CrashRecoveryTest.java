package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.api.ApiKeys;
import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import io.mcegateway.support.GatewayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while 1,000 accepted messages are pending: after a restart every one reaches MCE exactly once. */
class CrashRecoveryTest {

    static final String KEY = "crash-recovery-test-key";

    @TempDir
    Path work;

    @Test
    void messages_pending_at_a_kill_are_delivered_exactly_once_after_restart() throws Exception {
        try (MceSandbox mce = MceSandbox.start(SandboxSettings.defaults().withPort(0))) {
            List<String> keys = IntStream.range(0, 1000).mapToObj(i -> "crash-" + i).toList();
            // Slow delivery (one request of 50 per second, each answered after 300 ms) keeps most messages
            // pending, and a request in flight, when the process dies.
            mce.faults().rate("email-batch", 1.0, Fault.latency(Duration.ofMillis(300)));
            Path log = work.resolve("gateway.log");
            GatewayProcess first = GatewayProcess.start(log, settings(mce, "mce.send.max-requests-per-period=1",
                    "mce.send.batch-size=50"));
            GatewayClient client = first.client(KEY);
            for (int post = 0; post < 2; post++) {
                String recipients = keys.subList(post * 500, post * 500 + 500).stream()
                        .map(key -> "{\"contactKey\":\"" + key + "\",\"to\":\"" + key + "@example.com\",\"messageKey\":\"" + key + "\"}")
                        .collect(Collectors.joining(","));
                assertThat(client.sendEmailBatch("{\"definitionKey\":\"d\",\"recipients\":[" + recipients + "]}")
                        .statusCode()).isEqualTo(202);
            }
            Eventually.within(Duration.ofSeconds(60)).until(() -> mce.ledger().acceptedCounts("email").size() >= 100);

            first.kill();
            int deliveredBeforeKill = mce.ledger().acceptedCounts("email").size();
            mce.faults().clear();

            try (GatewayProcess second = GatewayProcess.start(log, settings(mce))) {
                Eventually.within(Duration.ofSeconds(90)).until(() -> mce.ledger().acceptedCounts("email").size() == 1000);
                assertThat(mce.ledger().acceptedCounts("email")).containsOnlyKeys(keys);
                assertThat(mce.ledger().acceptedCounts("email").values()).as("exactly once").containsOnly(1);
                System.out.printf("crash recovery: %d of 1000 delivered before kill -9, the rest after restart; "
                        + "%d status checks, %d MCE duplicate rejections%n", deliveredBeforeKill,
                        mce.ledger().requestCount("email-status"), mce.ledger().duplicateRejections("email"));
                // MCE refuses a reused messageKey (109110), so the accepted counts above cannot exceed 1: a second
                // post of a key shows here instead.
                assertThat(mce.ledger().duplicateRejections("email")).as("keys posted again after MCE had them")
                        .isZero();
                Eventually.soon().until(() -> "SUBMITTED".equals(second.client(KEY).status("email", "crash-999")));
            }
        }
    }

    private String[] settings(MceSandbox mce, String... more) {
        List<String> settings = new java.util.ArrayList<>(List.of("mce.sandbox.enabled=false",
                "mce.auth-url=" + mce.baseUrl(), "mce.client-id=sandbox-client-id",
                "mce.client-secret=sandbox-client-secret", "gateway.api-keys=" + ApiKeys.digestOf(KEY),
                "gateway.instance-id=crash-test",
                "spring.datasource.url=jdbc:h2:file:" + work.resolve("store") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0"));
        settings.addAll(List.of(more));
        return settings.toArray(String[]::new);
    }
}
