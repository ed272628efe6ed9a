package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteRequest;
import io.mcegateway.support.ActuatorMetrics;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A message MCE keeps Queued (as it does while the definition is inactive) is looked up with growing delays until
 * MCE's status history has passed, then becomes UNKNOWN with the reason. The history is 4 s here (3 days in
 * production) and the sandbox keeps every message Queued for an hour.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.sandbox.status-delay=1h",
        "mce.status.check-delays=300ms,500ms,1s",
        "mce.status.check-delay-jitter=0",
        "mce.status.history-window=4s"})
class StatusHistoryTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Test
    void a_message_still_queued_when_mce_history_ends_becomes_unknown_with_the_reason_after_backed_off_lookups() {
        GatewayClient gateway = new GatewayClient(port);
        assertThat(gateway.sendEmail("forever-queued").statusCode()).isEqualTo(202);
        assertThat(gateway.sendSms("sms-queued", """
                {"definitionKey":"otp","recipient":{"contactKey":"c-1","to":"+15555551234"}}""").statusCode())
                .isEqualTo(202);

        Eventually.soon().until(() -> "QUEUED".equals(gateway.status("email", "forever-queued"))
                && "QUEUED".equals(gateway.status("sms", "sms-queued")));
        ActuatorMetrics metrics = new ActuatorMetrics(gateway);
        assertThat(metrics.value("gateway.reconciliation.backlog")).isEqualTo(2);
        assertThat(metrics.value("gateway.reconciliation.oldest.age")).isGreaterThan(0.1);
        Eventually.soon().until(() -> "UNKNOWN".equals(gateway.status("email", "forever-queued"))
                && "UNKNOWN".equals(gateway.status("sms", "sms-queued")));

        String record = gateway.message("email", "forever-queued").body();
        assertThat(record).contains("\"code\":\"STATUS_HISTORY_PASSED\"")
                .contains("MCE keeps send statuses for 4s").contains("last known: QUEUED");
        List<RouteRequest> lookups = sandbox.ledger().requests("email-status");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < lookups.size(); i++) {
            gaps.add(Duration.between(lookups.get(i - 1).receivedAt(), lookups.get(i).receivedAt()).toMillis());
        }
        System.out.printf("history: %d lookups of a message MCE keeps Queued, %s ms apart, then UNKNOWN%n",
                lookups.size(), gaps);
        assertThat(lookups).hasSizeBetween(2, 6);
        assertThat(gaps.get(0)).as("second delay").isGreaterThanOrEqualTo(500);
        assertThat(gaps.subList(1, gaps.size())).as("the last delay repeats")
                .allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(1000));
        assertThat(sandbox.ledger().requests("sms-status")).isNotEmpty();
        assertThat(metrics.value("gateway.reconciliation.backlog")).isZero();
        assertThat(metrics.value("gateway.reconciliation.expired")).isEqualTo(2);
        assertThat(metrics.value("gateway.status.checks", "result:queued")).isEqualTo(lookups.size()
                + sandbox.ledger().requests("sms-status").size());

        int settled = lookups.size();
        assertThat(gateway.get("/api/v1/email/messages/forever-queued?refresh=true").body())
                .contains("UNKNOWN is final");
        assertThat(sandbox.ledger().requests("email-status")).as("no lookup after UNKNOWN").hasSize(settled);
    }
}
