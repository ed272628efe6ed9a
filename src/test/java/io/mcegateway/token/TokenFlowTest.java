package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.TokenRequest;
import io.mcegateway.support.GatewayClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** The token flow against the sandbox: each test starts a fresh gateway, so its token cache starts cold. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.sandbox.port=0",
        "mce.token.retry.initial-delay=100ms",
        "mce.token.retry.max-delay=2s",
        "mce.token.retry.jitter=0"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class TokenFlowTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
    }

    @Test
    void five_hundred_concurrent_sends_on_a_cold_start_make_exactly_one_token_request() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(500);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String key = "cold-" + i;
            responses.add(callers.submit(() -> {
                start.await();
                return gateway.sendEmail(key);
            }));
        }
        start.countDown();
        for (Future<HttpResponse<String>> response : responses) {
            assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        }
        callers.shutdown();

        assertThat(sandbox.ledger().tokenRequestCount()).isEqualTo(1);
        assertThat(sandbox.ledger().acceptedCounts("email")).hasSize(500).allSatisfy((key, count) ->
                assertThat(count).isEqualTo(1));
    }

    @Test
    void an_early_401_leads_to_one_new_token_and_one_successful_resend() {
        assertThat(gateway.sendEmail("before-401").statusCode()).isEqualTo(202);
        sandbox.faults().script("email-send", Fault.unauthorized());

        HttpResponse<String> response = gateway.sendEmail("after-401");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(sandbox.ledger().tokenRequestCount()).isEqualTo(2);
        assertThat(sandbox.ledger().requestCount("email-send")).isEqualTo(3);
        assertThat(sandbox.ledger().acceptedCount("email", "after-401")).isEqualTo(1);
    }

    @Test
    void a_second_401_fails_the_call_without_more_retries() {
        assertThat(gateway.sendEmail("warm-up").statusCode()).isEqualTo(202);
        sandbox.faults().script("email-send", Fault.unauthorized(), Fault.unauthorized());

        HttpResponse<String> response = gateway.sendEmail("twice-401");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("\"mceStatus\":401");
        assertThat(sandbox.ledger().tokenRequestCount()).isEqualTo(2);
        assertThat(sandbox.ledger().requestCount("email-send")).isEqualTo(3);
        assertThat(sandbox.ledger().acceptedCount("email", "twice-401")).isZero();
    }

    @Test
    void three_500s_at_the_token_endpoint_are_retried_with_growing_backoff_and_the_send_goes_through() {
        sandbox.faults().script("token", Fault.httpError(500), Fault.httpError(500), Fault.httpError(500));

        HttpResponse<String> response = gateway.sendEmail("after-token-500s");

        assertThat(response.statusCode()).isEqualTo(202);
        List<TokenRequest> attempts = sandbox.ledger().tokenRequests();
        assertThat(attempts).hasSize(4);
        assertThat(attempts.get(3).outcome()).isEqualTo(TokenRequest.ISSUED);
        Duration first = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        Duration second = Duration.between(attempts.get(1).at(), attempts.get(2).at());
        Duration third = Duration.between(attempts.get(2).at(), attempts.get(3).at());
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(third).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        assertThat(sandbox.ledger().acceptedCount("email", "after-token-500s")).isEqualTo(1);
    }

    @Test
    void a_429_at_the_token_endpoint_waits_for_retry_after() {
        sandbox.faults().script("token", Fault.rateLimited(1));

        assertThat(gateway.sendEmail("after-token-429").statusCode()).isEqualTo(202);

        List<TokenRequest> attempts = sandbox.ledger().tokenRequests();
        assertThat(attempts).hasSize(2);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
}
