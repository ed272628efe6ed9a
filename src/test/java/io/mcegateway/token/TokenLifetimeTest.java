package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Token economy over time: one token request per token lifetime, however steady the traffic. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.sandbox.port=0",
        "mce.sandbox.token-lifetime=3s",
        "mce.sandbox.expires-in-margin=0s",
        "mce.token.expiry-margin=100ms",
        "mce.token.refresh-ahead=200ms"})
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
        int tokenRequests = sandbox.ledger().tokenRequestCount();
        System.out.printf("token economy: %d sends over 5 token lifetimes of %s made %d token requests%n",
                sent, LIFETIME, tokenRequests);
        assertThat(tokenRequests).isBetween(4, 6);
        assertThat(sandbox.ledger().requestCounts().getOrDefault("email-send", 0)).isEqualTo(sent);
    }
}
