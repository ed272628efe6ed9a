package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Token economy over time: one token request per token lifetime, however steady the traffic. */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.sandbox.token-lifetime=3s",
        "mce.sandbox.expires-in-margin=0s",
        "mce.token.expiry-margin=100ms",
        "mce.token.refresh-ahead=200ms",
        "mce.send.batch-window=50"})
class TokenLifetimeTest {

    static final Duration LIFETIME = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Test
    void steady_sends_over_five_token_lifetimes_request_one_token_per_lifetime() {
        GatewayClient gateway = new GatewayClient(port);
        Instant end = Instant.now().plus(LIFETIME.multipliedBy(5));
        int sent = 0;
        while (Instant.now().isBefore(end)) {
            assertThat(gateway.sendEmail("steady-" + sent).statusCode()).isEqualTo(202);
            sent++;
        }
        int posted = sent;
        Eventually.soon().until(() -> sandbox.ledger().acceptedCounts("email").size() == posted);
        int tokenRequests = sandbox.ledger().tokenRequestCount();
        System.out.printf("token economy: %d sends in %d MCE requests over 5 token lifetimes of %s made %d token "
                + "requests%n", posted, sandbox.ledger().requestCount("email-batch"), LIFETIME, tokenRequests);
        assertThat(tokenRequests).isBetween(4, 6);
        assertThat(sandbox.ledger().acceptedCounts("email").values()).containsOnly(1);
    }
}
