package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteIds;
import io.mcegateway.sandbox.TokenRequest;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * An auth API outage as the gateway meets it: however many sends need a token meanwhile, token requests stay
 * bounded and never come sooner than the auth API's Retry-After; afterwards every message goes once.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.token.retry.max-redeliveries=1",
        "mce.token.retry.jitter=0",
        "mce.token.outage-pause=1s",
        "mce.token.max-outage-pause=4s"})
class TokenOutageTest {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration OUTAGE = Duration.ofSeconds(8);
    static final int SENDS = 40;

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Autowired
    HealthEndpoint health;

    @Test
    void an_auth_outage_costs_few_token_requests_however_many_sends_wait_and_all_go_once_after_it() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        sandbox.faults().rate(RouteIds.TOKEN, 1.0, Fault.httpError(503, (int) RETRY_AFTER.toSeconds()));

        // Two attempts per token request (one retry after Retry-After), then pauses of at least 1 s, 2 s, 4 s:
        // about 6 attempts in 8 s. A new request for each waiting send would make one every ~0.5 s.
        sendSpreadOver(gateway, OUTAGE);
        List<TokenRequest> attempts = sandbox.ledger().tokenRequests();
        System.out.printf("auth outage: %d sends, %d token attempts in %s%n", SENDS, attempts.size(), OUTAGE);
        assertThat(attempts).extracting(TokenRequest::outcome).containsOnly("fault:http-503");
        assertThat(attempts).as("token attempts during the outage").hasSizeBetween(4, 7);
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()))
                    .as("gap before token attempt %d", i + 1).isGreaterThanOrEqualTo(RETRY_AFTER.minusMillis(100));
        }
        assertThat(sandbox.ledger().requestCount(RouteIds.EMAIL_BATCH)).isZero();
        assertThat(gateway.status("email", "outage-" + (SENDS - 1))).isEqualTo("ACCEPTED");
        assertThat(String.valueOf(health.healthForPath("mceToken"))).contains("HTTP 503")
                .contains("nextTokenRequestAfter");
        assertThat(health.healthForPath("mceToken").getStatus()).as("an outage is MCE's, not a configuration fault")
                .isEqualTo(Status.UP);

        sandbox.faults().clear();

        Eventually.soon().until(() -> sandbox.ledger().acceptedCounts("email").size() == SENDS);
        assertThat(sandbox.ledger().acceptedCounts("email").values()).containsOnly(1);
        assertThat(sandbox.ledger().tokenRequests()).extracting(TokenRequest::outcome)
                .filteredOn(TokenRequest.ISSUED::equals).hasSize(1);
    }

    /** Posts {@link #SENDS} messages evenly over {@code span}, paced by a scheduler; returns when all are in. */
    private static void sendSpreadOver(GatewayClient gateway, Duration span) throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            List<ScheduledFuture<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                String key = "outage-" + i;
                sends.add(pacer.schedule(() -> gateway.sendEmail(key).statusCode(),
                        span.toMillis() * i / (SENDS - 1), TimeUnit.MILLISECONDS));
            }
            for (ScheduledFuture<Integer> send : sends) {
                assertThat(send.get(span.toMillis() + 30_000, TimeUnit.MILLISECONDS)).isEqualTo(202);
            }
        } finally {
            pacer.shutdownNow();
        }
    }
}
