package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static io.mcegateway.sandbox.SandboxClient.singleSend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultInjectionTest extends AuthorisedSandboxTest {

    private static final String DOC = "https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm";
    private static final String SEND = "/messaging/v1/email/messages/k1";
    private static final String BODY = singleSend("def", "c1", "a@example.com");

    @Test
    void answers_500_with_the_generic_body_without_processing() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.httpError(500));

        HttpResponse<String> response = client.postJson(SEND, BODY, token);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\",\"errorcode\":0,\"documentation\":\"" + DOC + "\"}");
        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isZero();
        assertThat(sandbox.ledger().requests(RouteIds.EMAIL_SEND)).singleElement()
                .isEqualTo(new RouteRequest(RouteIds.EMAIL_SEND, "POST", SEND,
                        sandbox.ledger().requests(RouteIds.EMAIL_SEND).get(0).receivedAt(), 500, "http-500", false));
    }

    @ParameterizedTest
    @CsvSource({"502, Bad Gateway", "504, Gateway Timeout"})
    void answers_gateway_errors_with_the_generic_body_without_processing(int status, String message) {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.httpError(status));

        HttpResponse<String> response = client.postJson(SEND, BODY, token);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).get("message").asText()).isEqualTo(message);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isZero();
    }

    @Test
    void answers_503_with_50300_and_a_retry_after_header() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.serviceUnavailable(7));

        HttpResponse<String> response = client.postJson(SEND, BODY, token);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(50300);
        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isZero();
    }

    @Test
    void adds_retry_after_to_another_status_when_asked() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.httpError(500, 2));

        HttpResponse<String> response = client.postJson(SEND, BODY, token);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void answers_429_with_retry_after_and_50100() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.rateLimited(5));

        HttpResponse<String> response = client.postJson(SEND, BODY, token);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"message\":\"Rate limit exceeded\",\"errorcode\":50100,\"retryAfter\":5,"
                + "\"documentation\":\"" + DOC + "\"}");
        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isZero();
    }

    @Test
    void answers_429_with_50200_and_no_retry_after() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.temporarilyBlocked());

        HttpResponse<String> response = client.postJson(SEND, BODY, token);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(response.body()).isEqualTo("{\"message\":\"Your requests are temporarily blocked.\",\"errorcode\":50200,"
                + "\"documentation\":\"" + DOC + "\"}");
    }

    @Test
    void adds_latency_and_then_processes_normally() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.latency(Duration.ofMillis(400)));

        long started = System.nanoTime();
        HttpResponse<String> response = client.postJson(SEND, BODY, token);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isEqualTo(1);
        assertThat(sandbox.ledger().requests(RouteIds.EMAIL_SEND)).singleElement()
                .satisfies(request -> {
                    assertThat(request.fault()).isEqualTo("latency");
                    assertThat(request.processed()).isTrue();
                });
    }

    @Test
    void processes_at_once_but_answers_after_the_client_has_timed_out() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.lateResponse(Duration.ofMillis(1500)));
        HttpRequest impatient = client.request(SEND, token).timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();

        assertThatThrownBy(() -> client.sendRaw(impatient)).isInstanceOf(HttpTimeoutException.class);

        assertThat(sandbox.ledger().acceptedCount("email", "k1")).as("processed before the answer").isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(sandbox.ledger().requests(RouteIds.EMAIL_SEND)).singleElement().satisfies(request -> {
                    assertThat(request.fault()).isEqualTo("late-response");
                    assertThat(request.processed()).isTrue();
                    assertThat(request.status()).isEqualTo(202);
                }));
        assertThat(json(client.postJson(SEND, BODY, token)).get("responses").get(0).get("errorcode").asInt())
                .as("a blind retry meets the duplicate-key check").isEqualTo(109110);
    }

    @Test
    void delivers_a_late_response_to_a_patient_client() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.lateResponse(Duration.ofMillis(300)));

        long started = System.nanoTime();
        HttpResponse<String> response = client.postJson(SEND, BODY, token);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void processes_the_request_and_then_closes_the_connection_without_an_answer() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.responseLost());

        assertThatThrownBy(() -> client.sendRaw(client.post(SEND, BODY, token))).isInstanceOf(IOException.class);

        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isEqualTo(1);
        assertThat(sandbox.ledger().requests(RouteIds.EMAIL_SEND)).singleElement().satisfies(request -> {
            assertThat(request.fault()).isEqualTo("response-lost");
            assertThat(request.processed()).isTrue();
            assertThat(request.status()).isZero();
        });
    }

    @Test
    void resets_the_connection_without_processing_the_request() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.connectionReset());

        assertThatThrownBy(() -> client.sendRaw(client.post(SEND, BODY, token))).isInstanceOf(IOException.class);

        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isZero();
        assertThat(sandbox.ledger().requests(RouteIds.EMAIL_SEND)).singleElement().satisfies(request -> {
            assertThat(request.fault()).isEqualTo("connection-reset");
            assertThat(request.processed()).isFalse();
            assertThat(request.status()).isZero();
        });
        assertThat(client.postJson(SEND, BODY, token).statusCode()).as("later requests are normal").isEqualTo(202);
    }

    @Test
    void a_connection_reset_is_a_tcp_reset_not_an_orderly_close() throws IOException {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.connectionReset());
        String request = "POST " + SEND + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + BODY;

        // A raw socket: an HTTP client would turn both a reset and a close into an IOException of its own.
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(5000);
            // One write: the server may reset as soon as it has the headers, which would fail a second write.
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();

            assertThatThrownBy(() -> socket.getInputStream().read()).as("an orderly close would read -1")
                    .isInstanceOf(SocketException.class).hasMessage("Connection reset");
        }
        assertThat(ConnectionReset.available()).isTrue();
        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isZero();
    }

    @Test
    void answers_an_html_502_page_as_an_intermediary_proxy_would() {
        sandbox.faults().script(RouteIds.EMAIL_BATCH, Fault.htmlProxyError());

        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/", BatchSendTest.batchOf(2), token);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(response.body()).startsWith("<html><head><title>502 Bad Gateway</title>").contains("nginx");
        assertThat(sandbox.ledger().acceptedCounts("email")).isEmpty();
    }

    @Test
    void answers_401_for_a_valid_token_which_stays_valid_afterwards() {
        sandbox.faults().script(RouteIds.EMAIL_SEND, Fault.unauthorized());

        HttpResponse<String> rejected = client.postJson(SEND, BODY, token);
        HttpResponse<String> accepted = client.postJson(SEND, BODY, token);

        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(json(rejected).get("message").asText()).isEqualTo("Not Authorized");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isEqualTo(1);
    }

    @Test
    void plays_a_scripted_sequence_once_and_then_answers_normally() {
        sandbox.faults().script(RouteIds.EMAIL_STATUS, Fault.httpError(500), Fault.rateLimited(1), Fault.none(),
                Fault.httpError(503));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(client.get("/messaging/v1/email/messages/unknown", token).statusCode());
        }

        assertThat(statuses).containsExactly(500, 429, 404, 503, 404, 404);
        assertThat(sandbox.ledger().requests(RouteIds.EMAIL_STATUS)).extracting(RouteRequest::processed)
                .containsExactly(false, false, true, false, true, true);
    }

    @Test
    void repeats_the_same_fault_pattern_for_the_same_seed() {
        List<Integer> first = statusesWithRate(42);
        List<Integer> second = statusesWithRate(42);

        assertThat(first).isEqualTo(second).contains(503, 404);
        assertThat(first.stream().filter(status -> status == 503).count()).isBetween(5L, 35L);
    }

    @Test
    void applies_a_wildcard_plan_to_the_token_route_and_records_the_outcome() {
        sandbox.faults().script(RouteIds.ALL, Fault.httpError(503));

        HttpResponse<String> failed = client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                SandboxSettings.DEFAULT_CLIENT_SECRET, "77");
        HttpResponse<String> issued = client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                SandboxSettings.DEFAULT_CLIENT_SECRET, "77");

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(sandbox.ledger().tokenRequests()).extracting(TokenRequest::outcome)
                .containsExactly("issued", "fault:http-503", "issued");
        assertThat(sandbox.ledger().tokenRequests().get(1).clientId()).isEqualTo(SandboxSettings.DEFAULT_CLIENT_ID);
        assertThat(sandbox.ledger().tokenRequests().get(1).accountId()).isEqualTo("77");
    }

    @Test
    void answers_invalid_client_for_an_unauthorized_fault_on_the_token_route() {
        sandbox.faults().script(RouteIds.TOKEN, Fault.unauthorized());

        HttpResponse<String> response = client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                SandboxSettings.DEFAULT_CLIENT_SECRET, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_client");
        assertThat(sandbox.ledger().tokenRequests().get(1).outcome()).isEqualTo("fault:unauthorized");
    }

    @Test
    void resets_a_token_request_without_issuing_a_token() {
        sandbox.faults().script(RouteIds.TOKEN, Fault.connectionReset());
        String body = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + SandboxSettings.DEFAULT_CLIENT_ID
                + "\",\"client_secret\":\"" + SandboxSettings.DEFAULT_CLIENT_SECRET + "\"}";

        assertThatThrownBy(() -> client.sendRaw(client.post("/v2/token", body, null))).isInstanceOf(IOException.class);

        assertThat(sandbox.ledger().tokenRequests()).extracting(TokenRequest::outcome)
                .containsExactly("issued", "fault:connection-reset");
    }

    private List<Integer> statusesWithRate(long seed) {
        sandbox.faults().rate(RouteIds.EMAIL_STATUS, 0.4, Fault.httpError(503), seed);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(client.get("/messaging/v1/email/messages/unknown", token).statusCode());
        }
        return statuses;
    }
}
