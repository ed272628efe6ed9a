package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static io.mcegateway.sandbox.SandboxClient.singleSend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DuplicateMessageKeyTest {

    private static final String SEND = "/messaging/v1/email/messages/order-42";

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
    void rejects_a_reused_key_with_109110_within_the_window_and_does_not_count_it_as_accepted() {
        client.postJson(SEND, singleSend("def", "c1", "a@example.com"), token);

        HttpResponse<String> again = client.postJson(SEND, singleSend("def", "c1", "a@example.com"), token);

        assertThat(again.statusCode()).isEqualTo(202);
        JsonNode body = json(again);
        assertThat(body.get("errorcode").asInt()).isEqualTo(109001);
        assertThat(body.get("responses").toString()).isEqualTo("[{\"messageKey\":\"order-42\",\"errorcode\":109110,"
                + "\"message\":\"MCMS_UTM_Validation_DuplicateMessageKey: messageKey reused within the past 2 days\"}]");
        assertThat(sandbox.ledger().acceptedCount("email", "order-42")).isEqualTo(1);
        assertThat(sandbox.ledger().duplicateRejections("email")).isEqualTo(1);
        assertThat(sandbox.ledger().duplicateRejections("sms")).isZero();
    }

    @Test
    void rejects_a_key_reused_in_a_batch_and_queues_the_rest() {
        client.postJson(SEND, singleSend("def", "c1", "a@example.com"), token);

        JsonNode body = json(client.postJson("/messaging/v1/email/messages/", "{\"definitionKey\":\"def\",\"recipients\":["
                + "{\"contactKey\":\"c1\",\"to\":\"a@example.com\",\"messageKey\":\"order-42\"},"
                + "{\"contactKey\":\"c2\",\"to\":\"b@example.com\",\"messageKey\":\"order-43\"}]}", token));

        assertThat(body.get("message").asText()).isEqualTo("MCMS_UTM_ResponsesHasErrors: 1 subscribers failed to queue out of 2");
        assertThat(body.get("responses").get(0).get("errorcode").asInt()).isEqualTo(109110);
        assertThat(body.get("responses").get(1).has("errorcode")).isFalse();
        assertThat(sandbox.ledger().acceptedCounts("email")).containsEntry("order-42", 1).containsEntry("order-43", 1);
    }

    @Test
    void accepts_the_key_again_once_the_window_has_passed() {
        sandbox.updateSettings(s -> s.withDuplicateKeyWindow(Duration.ofMillis(500)));
        client.postJson(SEND, singleSend("def", "c1", "a@example.com"), token);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(client.postJson(SEND, singleSend("def", "c1", "a@example.com"), token))
                        .get("errorcode").asInt()).isZero());

        assertThat(sandbox.ledger().acceptedCount("email", "order-42")).isEqualTo(2);
    }

    @Test
    void keeps_email_and_sms_keys_apart() {
        client.postJson(SEND, singleSend("def", "c1", "a@example.com"), token);

        JsonNode sms = json(client.postJson("/messaging/v1/sms/messages/order-42",
                singleSend("def", "c1", "15555551234"), token));

        assertThat(sms.get("errorcode").asInt()).isZero();
    }
}
