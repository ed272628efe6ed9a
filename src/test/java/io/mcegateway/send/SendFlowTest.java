package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteRequest;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The send flow's promises, black-box: exactly once, nothing lost, rate limits obeyed, batches used. */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.send.batch-size=8",
        "mce.send.max-requests-per-period=1000"})
class SendFlowTest {

    static final List<String> REST_ROUTES = List.of("email-send", "email-batch", "email-status", "email-notsent");

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    GatewayClient gateway;
    ExecutorService clients;
    /** The sandbox's ledger spans every test of the class: each test counts from where it started. */
    Map<String, Integer> requestsBefore;
    int duplicatesBefore;

    @BeforeEach
    void start() {
        gateway = new GatewayClient(port);
        clients = Executors.newFixedThreadPool(16);
        sandbox.faults().clear();
        requestsBefore = REST_ROUTES.stream().collect(Collectors.toMap(route -> route,
                route -> sandbox.ledger().requests(route).size()));
        duplicatesBefore = sandbox.ledger().duplicateRejections("email");
    }

    /** Requests to a route since this test started. */
    private List<RouteRequest> requests(String route) {
        List<RouteRequest> all = sandbox.ledger().requests(route);
        return all.subList(requestsBefore.get(route), all.size());
    }

    private int batchRequests() {
        return requests("email-batch").size();
    }

    private int statusChecks() {
        return requests("email-status").size();
    }

    /** Recipients MCE refused with 109110 (messageKey already used) since this test started. */
    private int duplicateRejections() {
        return sandbox.ledger().duplicateRejections("email") - duplicatesBefore;
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        sandbox.faults().clear();
    }

    @Test
    void a_thousand_messages_through_5xx_429_and_lost_responses_reach_mce_exactly_once() throws Exception {
        sandbox.faults().script("email-batch", faultMix(new Random(7)));
        List<String> keys = IntStream.range(0, 1000).mapToObj(i -> "faulty-" + i).toList();

        postAll(keys);

        Eventually.within(Duration.ofSeconds(90)).until(() -> keys.stream()
                .allMatch(key -> sandbox.ledger().acceptedCount("email", key) > 0));
        assertThat(keys).as("no message accepted twice")
                .allSatisfy(key -> assertThat(sandbox.ledger().acceptedCount("email", key)).isEqualTo(1));
        Eventually.soon().until(() -> keys.stream().allMatch(key -> isDone(gateway.status("email", key))));
        assertThat(keys).as("no message given up").allSatisfy(key ->
                assertThat(gateway.status("email", key)).isNotEqualTo("FAILED"));
        List<RouteRequest> faults = requests("email-batch").stream().filter(request -> request.fault() != null)
                .toList();
        System.out.printf("send flow: 1000 messages, %d MCE batch requests, %d of them faulted (%s), %d status checks,"
                + " %d MCE duplicate rejections%n", batchRequests(), faults.size(),
                faults.stream().collect(Collectors.groupingBy(RouteRequest::fault, Collectors.counting())),
                statusChecks(), duplicateRejections());
        // MCE refuses a reused messageKey (109110), so accepted counts cannot exceed 1: a second post shows here.
        assertThat(duplicateRejections()).as("keys posted again after MCE had them").isZero();
        assertThat(faults).extracting(RouteRequest::fault).as("every kind of fault was met")
                .contains("response-lost", "rate-limit").anyMatch(fault -> fault.startsWith("http-5"));
        assertNoRequestDuringRetryAfter();
    }

    @Test
    void the_same_message_key_posted_five_times_at_once_is_accepted_by_mce_once() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return gateway.sendEmail("same-key").statusCode();
            }, clients));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> post : posts) {
            statuses.add(post.get(30, TimeUnit.SECONDS));
        }

        assertThat(statuses).containsOnlyOnce(202).contains(200);
        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", "same-key")));
        assertThat(sandbox.ledger().acceptedCount("email", "same-key")).isEqualTo(1);
        assertThat(batchRequests()).isEqualTo(1);
    }

    @Test
    void a_400_from_mce_is_not_retried_and_the_message_fails_with_mce_code_and_message() {
        sandbox.faults().script("email-batch", Fault.httpError(400));

        assertThat(gateway.sendEmail("refused-400").statusCode()).isEqualTo(202);

        Eventually.soon().until(() -> "FAILED".equals(gateway.status("email", "refused-400")));
        String record = gateway.message("email", "refused-400").body();
        assertThat(record).contains("\"source\":\"MCE\"").contains("\"code\":\"0\"").contains("Bad Request");
        assertThat(batchRequests()).isEqualTo(1);
    }

    @Test
    void a_key_mce_already_holds_comes_back_as_109110_and_counts_as_submitted() throws Exception {
        // Another system (or an attempt whose answer was lost) already gave MCE this key.
        sendStraightToMce("partial-dup");
        String batch = """
                {"definitionKey":"d","recipients":[
                  {"contactKey":"c1","to":"ok@example.com","messageKey":"partial-ok"},
                  {"contactKey":"c2","to":"other@example.com","messageKey":"partial-dup"}]}""";

        assertThat(gateway.sendEmailBatch(batch).statusCode()).isEqualTo(202);

        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", "partial-ok"))
                && "SUBMITTED".equals(gateway.status("email", "partial-dup")));
        assertThat(sandbox.ledger().acceptedCount("email", "partial-ok")).isEqualTo(1);
        assertThat(sandbox.ledger().acceptedCount("email", "partial-dup")).isEqualTo(1);
        assertThat(duplicateRejections()).as("MCE's 109110 for the key it held").isEqualTo(1);
    }

    private void sendStraightToMce(String messageKey) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String token = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + "/v2/token"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\","
                        + "\"client_id\":\"sandbox-client-id\",\"client_secret\":\"sandbox-client-secret\"}"))
                .header("Content-Type", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        var sent = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.baseUrl() + "/messaging/v1/email/messages/" + messageKey))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"definitionKey\":\"d\",\"recipient\":{\"contactKey\":\"c\",\"to\":\"x@example.com\"}}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(202);
    }

    @Test
    void a_lost_response_is_checked_at_mce_and_never_sent_twice() {
        sandbox.faults().script("email-batch", Fault.responseLost());

        assertThat(gateway.sendEmail("lost-1").statusCode()).isEqualTo(202);

        Eventually.soon().until(() -> isDone(gateway.status("email", "lost-1"))
                && !"ACCEPTED".equals(gateway.status("email", "lost-1")));
        assertThat(sandbox.ledger().acceptedCount("email", "lost-1")).isEqualTo(1);
        assertThat(batchRequests()).as("no resend after MCE confirmed it").isEqualTo(1);
        assertThat(statusChecks()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_connection_reset_before_processing_is_checked_then_sent_once() {
        sandbox.faults().script("email-batch", Fault.connectionReset());

        assertThat(gateway.sendEmail("reset-1").statusCode()).isEqualTo(202);

        Eventually.soon().until(() -> sandbox.ledger().acceptedCount("email", "reset-1") == 1);
        assertThat(statusChecks()).as("MCE was asked before the resend")
                .isGreaterThanOrEqualTo(1);
        assertThat(batchRequests()).isEqualTo(2);
    }

    @Test
    void an_html_error_page_from_a_proxy_is_an_unknown_outcome_not_a_blind_resend() {
        sandbox.faults().script("email-batch", Fault.htmlProxyError());

        assertThat(gateway.sendEmail("proxy-1").statusCode()).isEqualTo(202);

        Eventually.soon().until(() -> sandbox.ledger().acceptedCount("email", "proxy-1") == 1);
        assertThat(statusChecks()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_message_whose_every_send_ends_unknown_and_that_mce_never_got_fails_after_the_configured_checks() {
        // A proxy that breaks every answer: each send is an unknown outcome, and MCE never has the message.
        sandbox.faults().rate("email-batch", 1.0, Fault.htmlProxyError());

        assertThat(gateway.sendEmail("proxy-forever").statusCode()).isEqualTo(202);

        Eventually.soon().until(() -> "FAILED".equals(gateway.status("email", "proxy-forever")));
        assertThat(gateway.message("email", "proxy-forever").body()).contains("\"source\":\"GATEWAY\"")
                .contains("\"code\":\"UNKNOWN_OUTCOME_LIMIT\"");
        assertThat(batchRequests()).as("mce.send.max-unknown-outcome-checks (5) sends").isEqualTo(5);
        assertThat(statusChecks()).as("each one checked at MCE first").isGreaterThanOrEqualTo(5);
        assertThat(sandbox.ledger().acceptedCount("email", "proxy-forever")).isZero();
    }

    @Test
    void a_429_pauses_every_call_to_the_business_unit_for_retry_after() throws Exception {
        sandbox.faults().script("email-batch", Fault.rateLimited(1));
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> "paused-" + i).toList();

        postAll(keys);

        Eventually.soon().until(() -> keys.stream().allMatch(key -> sandbox.ledger().acceptedCount("email", key) == 1));
        assertNoRequestDuringRetryAfter();
    }

    /** After each 429 with Retry-After n, nothing reaches MCE's REST API for n seconds. */
    private void assertNoRequestDuringRetryAfter() {
        List<RouteRequest> rest = REST_ROUTES.stream().flatMap(route -> requests(route).stream())
                .sorted((a, b) -> a.receivedAt().compareTo(b.receivedAt())).toList();
        List<RouteRequest> limited = rest.stream().filter(request -> request.status() == 429).toList();
        assertThat(limited).as("the fault script should have produced 429s").isNotEmpty();
        for (RouteRequest tooMany : limited) {
            Instant windowEnd = tooMany.receivedAt().plusSeconds(1);
            assertThat(rest).filteredOn(request -> request.receivedAt().isAfter(tooMany.receivedAt())
                    && request.receivedAt().isBefore(windowEnd)).as("requests inside the Retry-After window").isEmpty();
        }
    }

    /**
     * Per block of 100 requests, in a seeded random order: 10 5xx, 5 429 with Retry-After 1 s, 2 lost responses,
     * 83 normal answers. Blocks repeat so that every request of the run meets the same mix.
     */
    static List<Fault> faultMix(Random random) {
        List<Fault> faults = new ArrayList<>();
        for (int block = 0; block < 5; block++) {
            List<Fault> mix = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                mix.add(i < 10 ? Fault.httpError(i % 2 == 0 ? 500 : 503)
                        : i < 15 ? Fault.rateLimited(1)
                        : i < 17 ? Fault.responseLost()
                        : Fault.none());
            }
            java.util.Collections.shuffle(mix, random);
            faults.addAll(mix);
        }
        return faults;
    }

    private void postAll(List<String> keys) throws Exception {
        List<CompletableFuture<Integer>> posts = keys.stream()
                .map(key -> CompletableFuture.supplyAsync(() -> gateway.sendEmail(key).statusCode(), clients))
                .toList();
        for (CompletableFuture<Integer> post : posts) {
            assertThat(post.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        }
    }

    private static boolean isDone(String status) {
        return status != null && !status.equals("ACCEPTED");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
