package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.support.ActuatorMetrics;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * More unknown outcomes than the status budget can check: a status budget of one lookup per minute, and 1,050
 * messages whose sends end with a proxy's error page. Shutdown gives up after a second, as lookups wait a minute.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.status.max-checks-per-period=1",
        "mce.status.budget-period=1m",
        "camel.main.shutdown-timeout=1"})
class UnknownOutcomeQueueTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Autowired
    JdbcTemplate store;

    @Test
    void unknown_outcomes_are_claimed_as_fast_as_the_status_budget_checks_them_and_fresh_messages_still_flow() {
        GatewayClient gateway = new GatewayClient(port);
        sandbox.faults().rate("email-batch", 1.0, Fault.htmlProxyError());
        for (int[] range : new int[][] {{0, 500}, {500, 1000}, {1000, 1050}}) {
            String recipients = IntStream.range(range[0], range[1]).mapToObj(i -> "{\"contactKey\":\"c" + i
                            + "\",\"to\":\"user" + i + "@example.com\",\"messageKey\":\"queued-" + i + "\"}")
                    .collect(Collectors.joining(","));
            assertThat(gateway.sendEmailBatch("{\"definitionKey\":\"welcome\",\"recipients\":[" + recipients + "]}")
                    .statusCode()).isEqualTo(202);
        }
        // Every send met a proxy's error page: 1,050 messages wait for a status check, one per minute.
        Eventually.within(Duration.ofSeconds(30)).until(() -> store.queryForObject(
                "SELECT COUNT(*) FROM gateway_message WHERE outcome_unknown", Integer.class) >= 1049);
        sandbox.faults().clear();

        assertThat(gateway.sendEmail("fresh-1").statusCode()).isEqualTo(202);

        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", "fresh-1")));
        assertThat(store.queryForObject("SELECT COUNT(*) FROM gateway_message WHERE outcome_unknown "
                + "AND claim_id IS NOT NULL", Integer.class)).as("claimed for a status check").isLessThanOrEqualTo(3);
        assertThat(new ActuatorMetrics(gateway).value("camel.exchanges.failed", "routeId:claim-due-messages"))
                .as("failed polls (a full queue)").isZero();
        assertThat(sandbox.ledger().acceptedCounts("email").size() - 1).as("resent, each after MCE was asked")
                .isLessThanOrEqualTo(sandbox.ledger().requestCount("email-status"));
    }
}
