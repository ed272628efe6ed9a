package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static io.mcegateway.sandbox.SandboxClient.singleSend;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private MceSandbox sandbox;
    private SandboxClient client;
    private String token;

    @BeforeEach
    void start() {
        sandbox = MceSandbox.start(SandboxSettings.defaults());
        client = new SandboxClient(sandbox);
        token = client.token();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void accepts_two_waves_of_500_parallel_sends_and_counts_each_exactly_once() throws Exception {
        // The second wave reuses the first wave's 500 pooled connections: the server must keep them open.
        for (int wave = 0; wave < 2; wave++) {
            int first = wave * 500;
            List<CompletableFuture<HttpResponse<String>>> sends = IntStream.range(first, first + 500)
                    .mapToObj(i -> client.postJsonAsync("/messaging/v1/email/messages/parallel-" + i,
                            singleSend("def", "c" + i, "r" + i + "@example.com"), token))
                    .toList();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(sends).allSatisfy(send -> assertThat(send.join().statusCode()).isEqualTo(202));
        }

        assertThat(sandbox.ledger().acceptedCounts("email")).hasSize(1000).allSatisfy((key, count) -> assertThat(count).isOne());
        assertThat(sandbox.ledger().requestCount(RouteIds.EMAIL_SEND)).isEqualTo(1000);
    }

    @Test
    void accepts_a_key_sent_50_times_at_once_exactly_once() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sends = IntStream.range(0, 50)
                .mapToObj(i -> client.postJsonAsync("/messaging/v1/sms/messages/race",
                        singleSend("def", "c1", "15555551234"), token))
                .toList();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        long accepted = sends.stream().filter(send -> json(send.join()).get("errorcode").asInt() == 0).count();
        assertThat(accepted).isOne();
        assertThat(sandbox.ledger().acceptedCount("sms", "race")).isOne();
        assertThat(sandbox.ledger().duplicateRejections("sms")).isEqualTo(49);
    }

    @Test
    void answers_200_sequential_requests_without_a_delayed_ack_stall_on_each() {
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertThat(client.get("/messaging/v1/email/messages/none-" + i, token).statusCode()).isEqualTo(404);
        }

        // With Nagle's algorithm on, each answer waits ~40 ms for the client's ACK: 200 requests took ~9 s.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(4000);
    }

    @Test
    void keeps_serving_while_slow_answers_are_pending() throws Exception {
        sandbox.faults().rate(RouteIds.EMAIL_STATUS, 1.0, Fault.latency(java.time.Duration.ofSeconds(2)));
        List<CompletableFuture<HttpResponse<String>>> slow = IntStream.range(0, 100)
                .mapToObj(i -> client.request("/messaging/v1/email/messages/slow-" + i, token).GET().build())
                .map(request -> client.sendAsync(request))
                .toList();

        long started = System.nanoTime();
        HttpResponse<String> fast = client.postJson("/messaging/v1/email/messages/fast",
                singleSend("def", "c1", "a@example.com"), token);

        assertThat(fast.statusCode()).isEqualTo(202);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .as("100 pending delays must not occupy the worker threads").isLessThan(1500);
        CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(slow).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(404));
    }
}
