package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.mce.MceRestCall;
import io.mcegateway.mce.MceRestRoutes;
import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.TokenRequest;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The token flow against the sandbox: each test starts a fresh gateway, so its token cache starts cold. */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.token.retry.initial-delay=100ms",
        "mce.token.retry.max-delay=2s",
        "mce.token.retry.jitter=0",
        "mce.token.credentials-retry-interval=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class TokenFlowTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    MeterRegistry meters;

    GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
    }

    @Test
    void five_hundred_concurrent_mce_calls_on_a_cold_start_make_exactly_one_token_request() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(500);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return producer.send(MceRestRoutes.REST_CALL, exchange -> {
                    exchange.setProperty(MceRestCall.METHOD, "GET");
                    exchange.setProperty(MceRestCall.PATH, "messaging/v1/email/messages/?type=notSent");
                });
            }, callers));
        }
        start.countDown();
        for (CompletableFuture<Exchange> call : calls) {
            assertThat(call.get(60, TimeUnit.SECONDS).getException()).isNull();
        }
        callers.shutdown();

        assertThat(sandbox.ledger().tokenRequestCount()).isEqualTo(1);
        assertThat(sandbox.ledger().requestCount("email-notsent")).isEqualTo(500);
    }

    @Test
    void five_hundred_concurrent_sends_on_a_cold_start_make_exactly_one_token_request() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String key = "cold-" + i;
            posts.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return gateway.sendEmail(key).statusCode();
            }, callers));
        }
        start.countDown();
        for (CompletableFuture<Integer> post : posts) {
            assertThat(post.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        }
        callers.shutdown();

        Eventually.soon().until(() -> sandbox.ledger().acceptedCounts("email").size() == 500);
        assertThat(sandbox.ledger().acceptedCounts("email").values()).containsOnly(1);
        assertThat(sandbox.ledger().tokenRequestCount()).isEqualTo(1);
    }

    @Test
    void an_early_401_leads_to_one_new_token_and_one_successful_resend() {
        delivered("before-401");
        sandbox.faults().script("email-batch", Fault.unauthorized());

        delivered("after-401");

        assertThat(sandbox.ledger().tokenRequestCount()).isEqualTo(2);
        assertThat(sandbox.ledger().requestCount("email-batch")).isEqualTo(3);
        assertThat(sandbox.ledger().acceptedCount("email", "after-401")).isEqualTo(1);
    }

    @Test
    void a_second_401_fails_the_message_without_more_retries() {
        delivered("warm-up");
        sandbox.faults().script("email-batch", Fault.unauthorized(), Fault.unauthorized());

        assertThat(gateway.sendEmail("twice-401").statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> "FAILED".equals(gateway.status("email", "twice-401")));

        assertThat(gateway.message("email", "twice-401").body()).contains("\"code\":\"0\"").contains("401");
        assertThat(sandbox.ledger().tokenRequestCount()).isEqualTo(2);
        assertThat(sandbox.ledger().requestCount("email-batch")).isEqualTo(3);
        assertThat(sandbox.ledger().acceptedCount("email", "twice-401")).isZero();
    }

    @Test
    void credentials_refused_for_the_resend_after_a_401_leave_the_message_waiting_not_unknown() {
        delivered("warm-up");
        sandbox.faults().script("email-batch", Fault.unauthorized());
        sandbox.faults().script("token", Fault.unauthorized());

        waitsForTokenThenGoesOnce("refused-after-401", "fault:unauthorized", "MCE rejected the credentials");
        assertThat(tokenAttempts("rejected")).isEqualTo(1);
    }

    @Test
    void an_auth_api_outage_during_the_resend_after_a_401_leaves_the_message_waiting_not_unknown() {
        delivered("warm-up");
        sandbox.faults().script("email-batch", Fault.unauthorized());
        // Every attempt of the token request (first try and all retries) meets a 503.
        sandbox.faults().script("token", Collections.nCopies(5, Fault.httpError(503, 0)));

        waitsForTokenThenGoesOnce("outage-after-401", "fault:http-503", "No MCE token");
    }

    /**
     * MCE answered 401, so it processed nothing: the message must wait for a token as ACCEPTED and then go once,
     * never be treated as an unknown outcome, which would cost a status lookup before the resend.
     */
    private void waitsForTokenThenGoesOnce(String key, String tokenFault, String reason) {
        assertThat(gateway.sendEmail(key).statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> gateway.message("email", key).body().contains("\"lastError\""));
        assertThat(gateway.message("email", key).body()).contains(reason);
        assertThat(sandbox.ledger().tokenRequests()).extracting(TokenRequest::outcome).contains(tokenFault);
        assertThat(gateway.status("email", key)).isEqualTo("ACCEPTED");

        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", key)));
        assertThat(sandbox.ledger().acceptedCount("email", key)).isEqualTo(1);
        assertThat(sandbox.ledger().requests("email-status")).as("status lookups of " + key)
                .noneMatch(request -> request.target().endsWith("/" + key));
        assertThat(sandbox.ledger().requestCount("email-batch")).as("warm-up, the 401, the send").isEqualTo(3);
    }

    @Test
    void three_500s_at_the_token_endpoint_are_retried_with_growing_backoff_and_the_send_goes_through() {
        sandbox.faults().script("token", Fault.httpError(500), Fault.httpError(500), Fault.httpError(500));

        delivered("after-token-500s");

        List<TokenRequest> attempts = sandbox.ledger().tokenRequests();
        assertThat(attempts).hasSize(4);
        assertThat(attempts.get(3).outcome()).isEqualTo(TokenRequest.ISSUED);
        assertThat(gap(attempts, 0)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(gap(attempts, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(gap(attempts, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        assertThat(sandbox.ledger().acceptedCount("email", "after-token-500s")).isEqualTo(1);
        assertThat(tokenAttempts("failed")).as("failed attempts, retries included").isEqualTo(3);
        assertThat(tokenAttempts("issued")).isEqualTo(1);
    }

    @Test
    void a_429_at_the_token_endpoint_waits_for_retry_after() {
        sandbox.faults().script("token", Fault.rateLimited(1));

        delivered("after-token-429");

        List<TokenRequest> attempts = sandbox.ledger().tokenRequests();
        assertThat(attempts).hasSize(2);
        assertThat(gap(attempts, 0)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    private void delivered(String key) {
        assertThat(gateway.sendEmail(key).statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", key)));
    }

    /** {@code mce_token_requests_total{outcome}} of the default business unit. */
    private double tokenAttempts(String outcome) {
        Counter counter = meters.find("mce.token.requests").tag("businessUnit", "default").tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static Duration gap(List<TokenRequest> attempts, int index) {
        return Duration.between(attempts.get(index).at(), attempts.get(index + 1).at());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
