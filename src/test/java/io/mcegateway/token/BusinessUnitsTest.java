package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.TokenRequest;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Two business units side by side: each has its own token, and trouble with one leaves the other alone. */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.account-id=1000001",
        "mce.business-units.emea.account-id=2000002"})
class BusinessUnitsTest {

    static final String UNIT_HEADER = "X-MCE-Business-Unit";

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Test
    void each_business_unit_gets_its_own_token_and_a_401_in_one_does_not_touch_the_other() {
        GatewayClient gateway = new GatewayClient(port);

        assertThat(gateway.sendEmail("bu-default-1").statusCode()).isEqualTo(202);
        assertThat(gateway.post("/api/v1/email/messages/bu-emea-1",
                GatewayClient.emailBody("c", "e@example.com"), UNIT_HEADER, "emea").statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> sandbox.ledger().acceptedCounts("email").size() == 2);
        assertThat(sandbox.ledger().tokenRequests()).extracting(TokenRequest::accountId)
                .containsExactlyInAnyOrder("1000001", "2000002");
        assertThat(sandbox.ledger().requestCount("email-batch")).as("different business units never share a batch")
                .isEqualTo(2);

        sandbox.faults().script("email-batch", Fault.unauthorized());
        assertThat(gateway.post("/api/v1/email/messages/bu-emea-2",
                GatewayClient.emailBody("c", "e@example.com"), UNIT_HEADER, "emea").statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> sandbox.ledger().acceptedCount("email", "bu-emea-2") == 1);
        assertThat(gateway.sendEmail("bu-default-2").statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> sandbox.ledger().acceptedCount("email", "bu-default-2") == 1);

        assertThat(sandbox.ledger().tokenRequests()).extracting(TokenRequest::accountId)
                .as("only emea's token was replaced").containsExactlyInAnyOrder("1000001", "2000002", "2000002");
    }
}
