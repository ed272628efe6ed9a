package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchSendTest {

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
    void accepts_every_recipient_and_lists_their_keys_in_order() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/", "{\"definitionKey\":\"def\","
                + "\"recipients\":[{\"contactKey\":\"r1\",\"to\":\"r1@example.com\",\"messageKey\":\"nFL4ULgheUeaGbPIMzJJSw\","
                + "\"attributes\":{\"A\":\"1\"}},{\"contactKey\":\"r2\",\"to\":\"r2@example.com\",\"messageKey\":\"GV1LhQ6NFkqFUAE1IsoQ9Q\"}],"
                + "\"attributes\":{\"UserAttribute_a\":\"value_a\"}}", token);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.get("errorcode").asInt()).isZero();
        assertThat(body.get("responses").toString())
                .isEqualTo("[{\"messageKey\":\"nFL4ULgheUeaGbPIMzJJSw\"},{\"messageKey\":\"GV1LhQ6NFkqFUAE1IsoQ9Q\"}]");
        assertThat(sandbox.ledger().acceptedCounts("email"))
                .containsExactly(java.util.Map.entry("nFL4ULgheUeaGbPIMzJJSw", 1), java.util.Map.entry("GV1LhQ6NFkqFUAE1IsoQ9Q", 1));
        assertThat(sandbox.ledger().requestCount(RouteIds.EMAIL_BATCH)).isEqualTo(1);
    }

    @Test
    void accepts_the_batch_route_without_a_trailing_slash() {
        HttpResponse<String> response = client.postJson("/messaging/v1/sms/messages",
                "{\"definitionKey\":\"def\",\"recipients\":[{\"contactKey\":\"r1\",\"to\":\"15555551234\",\"messageKey\":\"s1\"}]}", token);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(sandbox.ledger().acceptedCount("sms", "s1")).isEqualTo(1);
        assertThat(sandbox.ledger().requestCount(RouteIds.SMS_BATCH)).isEqualTo(1);
    }

    @Test
    void generates_a_22_character_url_safe_key_for_recipients_without_one() {
        JsonNode body = json(client.postJson("/messaging/v1/email/messages/", "{\"definitionKey\":\"def\","
                + "\"recipients\":[{\"contactKey\":\"r1\",\"to\":\"r1@example.com\"},{\"contactKey\":\"r2\",\"to\":\"r2@example.com\"}]}", token));

        String first = body.get("responses").get(0).get("messageKey").asText();
        String second = body.get("responses").get(1).get("messageKey").asText();
        assertThat(first).matches("[A-Za-z0-9_-]{22}");
        assertThat(second).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(first);
        assertThat(sandbox.ledger().acceptedCounts("email")).containsOnlyKeys(first, second);
    }

    @Test
    void queues_the_good_recipients_and_reports_109001_with_the_failed_ones() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/", "{\"definitionKey\":\"def\","
                + "\"recipients\":[{\"contactKey\":\"r1\",\"messageKey\":\"gHQ3VLsfCEOuAC2sl-CV1Q\"},"
                + "{\"contactKey\":\"r2\",\"to\":\"r2@example.com\",\"messageKey\":\"oixAQE_zFUyr8bT8sJncdw\"}]}", token);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109001);
        assertThat(json(response).get("message").asText())
                .isEqualTo("MCMS_UTM_ResponsesHasErrors: 1 subscribers failed to queue out of 2");
        assertThat(json(response).get("responses").toString()).isEqualTo("[{\"messageKey\":\"gHQ3VLsfCEOuAC2sl-CV1Q\","
                + "\"errorcode\":109106,\"message\":\"MCMS_UTM_Validation_MissingRequiredField_to: Invalid subscriber\"},"
                + "{\"messageKey\":\"oixAQE_zFUyr8bT8sJncdw\"}]");
        assertThat(sandbox.ledger().acceptedCounts("email")).containsOnlyKeys("oixAQE_zFUyr8bT8sJncdw");
    }

    @Test
    void accepts_2000_recipients() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/", batchOf(2000), token);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("responses").size()).isEqualTo(2000);
        assertThat(sandbox.ledger().acceptedCounts("email")).hasSize(2000);
    }

    @Test
    void rejects_more_than_2000_recipients_with_400_and_109101() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/", batchOf(2001), token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109101);
        assertThat(json(response).get("message").asText()).startsWith("MCMS_UTM_Validation_TooManySubscribers: ");
        assertThat(sandbox.ledger().acceptedCounts("email")).isEmpty();
    }

    @Test
    void applies_a_configured_recipient_limit() {
        sandbox.updateSettings(s -> s.withMaxRecipients(3));

        assertThat(client.postJson("/messaging/v1/email/messages/", batchOf(4), token).statusCode()).isEqualTo(400);
        assertThat(client.postJson("/messaging/v1/email/messages/", batchOf(3), token).statusCode()).isEqualTo(202);
    }

    @Test
    void rejects_an_empty_recipient_list_with_400_and_109102() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/",
                "{\"definitionKey\":\"def\",\"recipients\":[]}", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109102);
    }

    @Test
    void rejects_the_whole_batch_when_a_message_key_repeats_within_it() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/", "{\"definitionKey\":\"def\","
                + "\"recipients\":[{\"contactKey\":\"r1\",\"to\":\"r1@example.com\",\"messageKey\":\"same\"},"
                + "{\"contactKey\":\"r2\",\"to\":\"r2@example.com\",\"messageKey\":\"same\"}]}", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109108);
        assertThat(sandbox.ledger().acceptedCounts("email")).isEmpty();
    }

    @Test
    void rejects_a_recipient_message_key_over_100_characters_with_400_and_109108() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/", "{\"definitionKey\":\"def\","
                + "\"recipients\":[{\"contactKey\":\"r1\",\"to\":\"r1@example.com\",\"messageKey\":\"" + "x".repeat(101) + "\"}]}", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109108);
    }

    @Test
    void rejects_a_missing_definition_key_with_400_and_109107() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/",
                "{\"recipients\":[{\"contactKey\":\"r1\",\"to\":\"r1@example.com\"}]}", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109107);
    }

    static String batchOf(int recipients) {
        return "{\"definitionKey\":\"def\",\"recipients\":[" + IntStream.range(0, recipients)
                .mapToObj(i -> "{\"contactKey\":\"c" + i + "\",\"to\":\"r" + i + "@example.com\",\"messageKey\":\"batch-" + i + "\"}")
                .collect(Collectors.joining(",")) + "]}";
    }
}
