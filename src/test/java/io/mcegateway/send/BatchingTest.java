package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** Request economy with the default batching settings (batch size 500, window 1 s, 10 requests per second). */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.send.batch-size=500",
        "mce.send.batch-window=1000",
        "mce.send.max-requests-per-period=10",
        "mce.send.throttle-period=1000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class BatchingTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Test
    void a_thousand_single_posts_within_seconds_reach_mce_in_at_most_20_requests() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        Instant start = Instant.now();
        List<CompletableFuture<Integer>> posts = IntStream.range(0, 1000)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> gateway.sendEmail("single-" + i).statusCode(), clients))
                .toList();
        for (CompletableFuture<Integer> post : posts) {
            assertThat(post.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        }
        Duration posting = Duration.between(start, Instant.now());
        clients.shutdown();

        Eventually.soon().until(() -> sandbox.ledger().acceptedCounts("email").size() == 1000);
        int requests = sandbox.ledger().requestCount("email-batch");
        System.out.printf("batching: 1000 single posts in %d ms reached MCE in %d batch requests%n",
                posting.toMillis(), requests);
        assertThat(requests).isLessThanOrEqualTo(20);
        assertThat(sandbox.ledger().requestCount("email-send")).isZero();
    }

    @Test
    void a_thousand_recipients_in_two_batch_posts_reach_mce_in_two_requests_of_500() {
        GatewayClient gateway = new GatewayClient(port);
        for (int post = 0; post < 2; post++) {
            int first = post * 500;
            String recipients = IntStream.range(first, first + 500)
                    .mapToObj(i -> "{\"contactKey\":\"c" + i + "\",\"to\":\"user" + i + "@example.com\",\"messageKey\":\"b-" + i + "\"}")
                    .collect(Collectors.joining(","));
            assertThat(gateway.sendEmailBatch("{\"definitionKey\":\"welcome\",\"recipients\":[" + recipients + "]}")
                    .statusCode()).isEqualTo(202);
        }

        Eventually.soon().until(() -> sandbox.ledger().acceptedCounts("email").size() == 1000);
        assertThat(sandbox.ledger().requestCount("email-batch")).isEqualTo(2);
        assertThat(sandbox.ledger().acceptedCounts("email").values()).containsOnly(1);
        assertThat(sandbox.ledger().duplicateRejections("email")).isZero();
    }
}
