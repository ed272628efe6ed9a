package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteIds;
import io.mcegateway.sandbox.RouteRequest;
import io.mcegateway.sandbox.TokenRequest;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Token economy over time: one token request per token lifetime, however steady the traffic, each new token in
 * hand before the last one runs out. A lifetime here is what MCE advised for that token ({@code expires_in}, which
 * the sandbox varies), less the margins the gateway keeps ({@code expiry-margin} and {@code refresh-ahead}): a
 * client that ignored {@code expires_in} and assumed the configured lifetime would ask too late for the shorter
 * tokens, and a client that waited for MCE's 401 would show it in the sandbox's ledger.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.sandbox.token-lifetime=3s",
        "mce.sandbox.expires-in-margin=0s",
        "mce.token.expiry-margin=300ms",
        "mce.token.refresh-ahead=300ms",
        "mce.send.batch-window=50"})
class TokenLifetimeTest {

    static final Duration LIFETIME = Duration.ofSeconds(3);
    /** expiry-margin + refresh-ahead: a new token is asked for this long before the advised end of the last. */
    static final Duration RENEWAL_LEAD = Duration.ofMillis(600);

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Test
    void steady_sends_over_five_token_lifetimes_request_one_token_per_lifetime_each_before_the_last_runs_out() {
        GatewayClient gateway = new GatewayClient(port);
        Instant start = Instant.now();
        Instant end = start.plus(LIFETIME.multipliedBy(5));
        int sent = 0;
        while (Instant.now().isBefore(end)) {
            assertThat(gateway.sendEmail("steady-" + sent).statusCode()).isEqualTo(202);
            sent++;
        }
        Instant stop = Instant.now();
        int posted = sent;
        Eventually.soon().until(() -> sandbox.ledger().acceptedCounts("email").size() == posted);

        List<TokenRequest> tokens = sandbox.ledger().tokenRequests();
        List<TokenRequest> inWindow = tokens.stream()
                .filter(token -> !token.at().isBefore(start) && !token.at().isAfter(stop)).toList();
        double meanLife = inWindow.stream()
                .mapToLong(token -> Duration.ofSeconds(token.expiresIn()).minus(RENEWAL_LEAD).toMillis())
                .average().orElseThrow();
        double lifetimes = Duration.between(start, stop).toMillis() / meanLife;
        System.out.printf("token economy: %d sends in %d MCE requests over %.1f token lifetimes (expires_in %s s) "
                        + "made %d token requests%n", posted, sandbox.ledger().requestCount("email-batch"), lifetimes,
                inWindow.stream().map(TokenRequest::expiresIn).toList(), inWindow.size());

        assertThat(inWindow).extracting(TokenRequest::outcome).containsOnly(TokenRequest.ISSUED);
        assertThat((double) inWindow.size()).as("token requests in %.1f lifetimes", lifetimes)
                .isBetween(lifetimes - 1, lifetimes + 1);
        for (int i = 1; i < tokens.size(); i++) {
            TokenRequest previous = tokens.get(i - 1);
            assertThat(tokens.get(i).at()).as("token %d asked for before token %d ran out (expires_in %d s)",
                    i + 1, i, previous.expiresIn())
                    .isBefore(previous.at().plusSeconds(previous.expiresIn()));
        }
        assertThat(sandbox.ledger().requests()).filteredOn(request -> !request.routeId().equals(RouteIds.TOKEN))
                .extracting(RouteRequest::status).as("answers on REST routes").doesNotContain(401);
        assertThat(sandbox.ledger().acceptedCounts("email").values()).containsOnly(1);
    }
}
