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

/** A status budget of one request per minute: the unknown outcome's lookup takes it; the resend must not. */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.status.max-checks-per-period=1",
        "mce.status.budget-period=1m"})
class SendAfterStatusCheckTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Test
    void a_resend_after_mce_confirmed_it_has_no_such_message_leaves_at_once_outside_the_status_budget() {
        GatewayClient gateway = new GatewayClient(port);
        // A proxy's error page: the outcome is unknown, and MCE has no such message when asked.
        sandbox.faults().script("email-batch", Fault.htmlProxyError());

        assertThat(gateway.sendEmail("budget-1").statusCode()).isEqualTo(202);

        // Sent within seconds, not after the budget's minute.
        Eventually.within(Duration.ofSeconds(10)).until(() -> "SUBMITTED".equals(gateway.status("email", "budget-1")));
        assertThat(sandbox.ledger().acceptedCount("email", "budget-1")).isEqualTo(1);
        assertThat(sandbox.ledger().requestCount("email-status")).isEqualTo(1);
        assertThat(new ActuatorMetrics(gateway).value("gateway.status.budget.used")).as("the lookup only")
                .isEqualTo(1);
    }
}
