package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteRequest;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code GET /api/v1/email/messages/{messageKey}?refresh=true}: MCE's live status, looked up at most once per cache
 * period however many clients poll. Messages stay Queued at the sandbox and reconciliation waits an hour, so every
 * lookup in the ledger comes from a refresh.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.sandbox.status-delay=1h",
        "mce.status.check-delays=1h",
        "mce.status.refresh-cache=1s"})
class RefreshStatusTest {

    static final Duration CACHE = Duration.ofSeconds(1);
    static final int CLIENTS = 200;

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    GatewayClient gateway;
    ExecutorService clients;

    @BeforeEach
    void start() {
        gateway = new GatewayClient(port);
        clients = Executors.newFixedThreadPool(CLIENTS);
        sandbox.faults().clear();
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        sandbox.faults().clear();
    }

    @Test
    void two_hundred_clients_polling_one_message_cause_at_most_one_mce_lookup_per_cache_period() throws Exception {
        String key = submitted("polled-1");
        ConcurrentLinkedQueue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        Instant end = Instant.now().plusSeconds(4);
        List<CompletableFuture<Void>> pollers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            pollers.add(CompletableFuture.runAsync(() -> {
                awaitQuietly(go);
                while (Instant.now().isBefore(end)) {
                    answers.add(gateway.get("/api/v1/email/messages/" + key + "?refresh=true"));
                }
            }, clients));
        }
        Instant started = Instant.now();
        go.countDown();
        for (CompletableFuture<Void> poller : pollers) {
            poller.get(60, TimeUnit.SECONDS);
        }
        Duration polling = Duration.between(started, Instant.now());

        List<RouteRequest> lookups = lookupsOf(key);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < lookups.size(); i++) {
            gaps.add(Duration.between(lookups.get(i - 1).receivedAt(), lookups.get(i).receivedAt()).toMillis());
        }
        System.out.printf("refresh: %d clients made %d refresh requests in %d ms; MCE status lookups: %d, %s ms apart "
                + "(cache period %d ms)%n", CLIENTS, answers.size(), polling.toMillis(), lookups.size(), gaps,
                CACHE.toMillis());

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"QUEUED\"")
                    .contains("\"refreshed\":true,\"eventCategoryType\":\"TransactionalSendEvents.EmailQueued\"");
        });
        assertThat(answers.size()).as("every client polled, most of them several times").isGreaterThan(CLIENTS);
        assertThat(gaps).as("lookups at least one cache period apart").allSatisfy(gap ->
                assertThat(gap).isGreaterThanOrEqualTo(CACHE.toMillis()));
        assertThat(lookups.size()).isBetween(1, (int) (polling.toMillis() / CACHE.toMillis()) + 1);
    }

    @Test
    void a_failing_lookup_is_shared_too_and_the_reply_is_the_gateways_record_with_the_reason() throws Exception {
        String key = submitted("polled-2");
        sandbox.faults().rate("email-status", 1.0, Fault.httpError(500));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            polls.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return gateway.get("/api/v1/email/messages/" + key + "?refresh=true");
            }, clients));
        }
        go.countDown();
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            HttpResponse<String> answer = poll.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"SUBMITTED\"").contains("\"refreshed\":false")
                    .contains("MCE's status lookup failed (HTTP 500 from MCE)");
        }
        assertThat(lookupsOf(key)).hasSize(1);
    }

    @Test
    void without_refresh_the_gateways_record_is_returned_and_mce_is_not_asked() {
        String key = submitted("polled-3");
        for (int i = 0; i < 20; i++) {
            assertThat(gateway.message("email", key).body()).contains("\"status\":\"SUBMITTED\"")
                    .doesNotContain("\"live\"");
        }
        assertThat(lookupsOf(key)).isEmpty();
    }

    @Test
    void a_final_or_unsent_message_is_not_looked_up_and_an_unknown_key_is_a_404() {
        assertThat(gateway.get("/api/v1/email/messages/never-sent?refresh=true").statusCode()).isEqualTo(404);
        sandbox.faults().script("email-batch", Fault.httpError(400));
        assertThat(gateway.sendEmail("refused-1").statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> "FAILED".equals(gateway.status("email", "refused-1")));

        String body = gateway.get("/api/v1/email/messages/refused-1?refresh=true").body();

        assertThat(body).contains("\"status\":\"FAILED\"").contains("\"refreshed\":false")
                .contains("FAILED is final");
        assertThat(lookupsOf("refused-1")).isEmpty();
    }

    private String submitted(String key) {
        assertThat(gateway.sendEmail(key).statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", key)));
        return key;
    }

    private List<RouteRequest> lookupsOf(String key) {
        return sandbox.ledger().requests("email-status").stream()
                .filter(request -> request.target().endsWith("/" + key)).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
