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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 with 1,000 accepted messages pending and a send request on its way: after a restart every message reaches
 * MCE exactly once, and those of the request that was on its way are looked up at MCE instead of being sent again.
 */
class CrashRecoveryTest {

    static final String KEY = "crash-recovery-test-key";

    @TempDir
    Path work;

    @Test
    void messages_pending_at_a_kill_are_delivered_exactly_once_after_restart() throws Exception {
        try (MceSandbox mce = MceSandbox.start(SandboxSettings.defaults().withPort(0))) {
            List<String> keys = IntStream.range(0, 1000).mapToObj(i -> "crash-" + i).toList();
            // MCE takes the first batch at once but holds its answer back: the request stays on its way, and with one
            // call at a time per business unit, every other batch waits behind it.
            mce.faults().script("email-batch", Fault.lateResponse(Duration.ofSeconds(30)));
            Path log = work.resolve("gateway.log");
            GatewayProcess first = GatewayProcess.start(log, settings(mce));
            GatewayClient client = first.client(KEY);
            for (int post = 0; post < 2; post++) {
                String recipients = keys.subList(post * 500, post * 500 + 500).stream()
                        .map(key -> "{\"contactKey\":\"" + key + "\",\"to\":\"" + key + "@example.com\","
                                + "\"messageKey\":\"" + key + "\"}")
                        .collect(Collectors.joining(","));
                assertThat(client.sendEmailBatch("{\"definitionKey\":\"d\",\"recipients\":[" + recipients + "]}")
                        .statusCode()).isEqualTo(202);
            }
            Eventually.soon().until(() -> !mce.ledger().acceptedCounts("email").isEmpty());

            first.kill();
            Set<String> inFlight = mce.ledger().acceptedCounts("email").keySet();
            // MCE took that batch, and no answer had come back: the request was on its way at the kill.
            assertThat(mce.ledger().requestCount("email-batch")).as("requests answered before the kill").isZero();

            try (GatewayProcess second = GatewayProcess.start(log, settings(mce))) {
                Eventually.within(Duration.ofSeconds(60)).until(() -> mce.ledger().acceptedCounts("email").size()
                        == 1000);
                assertThat(mce.ledger().acceptedCounts("email")).containsOnlyKeys(keys);
                assertThat(mce.ledger().acceptedCounts("email").values()).as("exactly once").containsOnly(1);
                // MCE refuses a reused messageKey (109110), so the accepted counts above cannot exceed 1: a second
                // post of a key shows here instead.
                assertThat(mce.ledger().duplicateRejections("email")).as("keys posted again after MCE had them")
                        .isZero();
                // What MCE said when asked (QUEUED, SENT), not a 202: the check-before-resend path settled them.
                GatewayClient restarted = second.client(KEY);
                Eventually.soon().until(() -> inFlight.stream()
                        .allMatch(key -> List.of("QUEUED", "SENT").contains(restarted.status("email", key))));
                assertThat(mce.ledger().requestCount("email-status")).as("lookups of the request on its way")
                        .isGreaterThanOrEqualTo(inFlight.size());
                System.out.printf("crash recovery: 1000 accepted, %d on their way at kill -9; %d MCE batch requests "
                        + "answered, %d status lookups, %d MCE duplicate rejections%n", inFlight.size(),
                        mce.ledger().requestCount("email-batch"), mce.ledger().requestCount("email-status"),
                        mce.ledger().duplicateRejections("email"));
            }
        }
    }

    /**
     * Short HTTP timeouts: a restart checks messages that were in flight once a request of the killed run has surely
     * ended (pool + connect + response timeout, 7 s here), so the test need not wait the default 70 s.
     */
    private String[] settings(MceSandbox mce) {
        return new ArrayList<>(List.of("mce.sandbox.enabled=false", "mce.auth-url=" + mce.baseUrl(),
                "mce.client-id=sandbox-client-id", "mce.client-secret=sandbox-client-secret",
                "gateway.api-keys=" + ApiKeys.digestOf(KEY), "gateway.instance-id=crash-test",
                "mce.send.batch-size=50", "mce.http.pool-timeout=500ms", "mce.http.connect-timeout=500ms",
                "mce.http.response-timeout=6s",
                "spring.datasource.url=jdbc:h2:file:" + work.resolve("store")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0"))
                .toArray(String[]::new);
    }
}
