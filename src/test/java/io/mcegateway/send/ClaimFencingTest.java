package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.support.ActuatorMetrics;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A claim that runs out while its batch waits: the poller claims the message again, and only the new claim may send
 * it. Short timeouts allow a 5 s lease (twice the longest request, 2.5 s), which a 7 s rate-limit pause outlasts.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.send.claim-lease=5s",
        "mce.http.pool-timeout=250ms",
        "mce.http.connect-timeout=250ms",
        "mce.http.response-timeout=2s"})
class ClaimFencingTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Test
    void a_message_whose_lease_runs_out_during_a_rate_limit_pause_is_sent_once_by_its_new_claim() {
        GatewayClient gateway = new GatewayClient(port);
        int batchesBefore = sandbox.ledger().requestCount("email-batch");
        // The first attempt meets a 429: calls pause for 7 s, and the retry waits as long. Meanwhile the lease runs
        // out, the poller claims the message again and asks MCE about it (it was in flight): MCE has no such message.
        sandbox.faults().script("email-batch", Fault.rateLimited(7));

        assertThat(gateway.sendEmail("fenced-1").statusCode()).isEqualTo(202);

        Eventually.within(Duration.ofSeconds(30)).until(() -> "SUBMITTED".equals(gateway.status("email", "fenced-1")));
        // The first claim's retry reached the fence after the pause and was dropped there.
        Eventually.soon().until(() -> new ActuatorMetrics(gateway).value("gateway.send.claims.lost") >= 1);
        assertThat(sandbox.ledger().acceptedCount("email", "fenced-1")).isEqualTo(1);
        assertThat(sandbox.ledger().duplicateRejections("email")).as("keys posted again after MCE had them").isZero();
        assertThat(sandbox.ledger().requestCount("email-batch") - batchesBefore).as("the 429 and one send")
                .isEqualTo(2);
    }
}
