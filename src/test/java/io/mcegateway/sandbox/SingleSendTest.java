package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static io.mcegateway.sandbox.SandboxClient.singleSend;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SingleSendTest {

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
    void accepts_an_email_and_answers_202_with_the_message_key() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/order-1",
                singleSend("2FA_order_accounts", "recipient2", "recipient2@example.com"), token);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = json(response);
        assertThat(body.get("requestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.get("errorcode").asInt()).isZero();
        assertThat(body.get("responses").toString()).isEqualTo("[{\"messageKey\":\"order-1\"}]");
        assertThat(body.has("message")).isFalse();
        assertThat(sandbox.ledger().acceptedCount("email", "order-1")).isEqualTo(1);
        assertThat(sandbox.ledger().acceptedMessages("email")).singleElement().satisfies(message -> {
            assertThat(message.definitionKey()).isEqualTo("2FA_order_accounts");
            assertThat(message.businessUnit()).isEqualTo(new BusinessUnit(SandboxSettings.DEFAULT_CLIENT_ID, null));
        });
    }

    @Test
    void accepts_an_sms_on_its_own_route() {
        HttpResponse<String> response = client.postJson("/messaging/v1/sms/messages/sms-1",
                "{\"definitionKey\":\"account-reset\",\"recipient\":{\"to\":\"15555551234\",\"contactKey\":\"Astro25\"},"
                        + "\"subscriptions\":{\"resubscribe\":true}}", token);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(sandbox.ledger().acceptedCount("sms", "sms-1")).isEqualTo(1);
        assertThat(sandbox.ledger().acceptedCount("email", "sms-1")).isZero();
        assertThat(sandbox.ledger().requestCount(RouteIds.SMS_SEND)).isEqualTo(1);
    }

    @Test
    void answers_202_with_109001_and_109106_when_the_only_recipient_has_no_address() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/no-to",
                "{\"definitionKey\":\"def\",\"recipient\":{\"contactKey\":\"c1\"}}", token);

        assertThat(response.statusCode()).isEqualTo(SendEndpoint.SINGLE_SEND_FAILURE_STATUS).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.get("errorcode").asInt()).isEqualTo(109001);
        assertThat(body.get("message").asText()).isEqualTo("MCMS_UTM_ResponsesHasErrors: 1 subscribers failed to queue out of 1");
        assertThat(body.get("responses").get(0).toString()).isEqualTo("{\"messageKey\":\"no-to\",\"errorcode\":109106,"
                + "\"message\":\"MCMS_UTM_Validation_MissingRequiredField_to: Invalid subscriber\"}");
        assertThat(sandbox.ledger().acceptedCount("email", "no-to")).isZero();
    }

    @Test
    void reports_109105_for_a_recipient_without_contact_key() {
        JsonNode body = json(client.postJson("/messaging/v1/email/messages/no-contact",
                "{\"definitionKey\":\"def\",\"recipient\":{\"to\":\"a@example.com\"}}", token));

        assertThat(body.get("errorcode").asInt()).isEqualTo(109001);
        assertThat(body.get("responses").get(0).get("errorcode").asInt()).isEqualTo(109105);
    }

    @Test
    void rejects_a_malformed_body_with_400_and_10004() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/k1", "{\"definitionKey\":", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = json(response);
        assertThat(body.get("errorcode").asInt()).isEqualTo(10004);
        assertThat(body.get("documentation").asText()).isEmpty();
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void rejects_a_missing_definition_key_with_400_and_109107() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/k1",
                "{\"recipient\":{\"contactKey\":\"c\",\"to\":\"a@example.com\"}}", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109107);
        assertThat(json(response).get("message").asText()).startsWith("MCMS_UTM_Validation_MissingRequiredField_definitionKey: ");
    }

    @Test
    void rejects_both_recipient_and_recipients_with_400_and_10000() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/k1",
                "{\"definitionKey\":\"def\",\"recipient\":{\"contactKey\":\"c\",\"to\":\"a@example.com\"},"
                        + "\"recipients\":[{\"contactKey\":\"c\",\"to\":\"a@example.com\"}]}", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(10000);
        assertThat(sandbox.ledger().acceptedCounts("email")).isEmpty();
    }

    @Test
    void rejects_a_missing_recipient_with_400_and_109102() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/k1", "{\"definitionKey\":\"def\"}", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109102);
    }

    @Test
    void rejects_a_message_key_over_100_characters_with_400_and_109108() {
        String key = "k".repeat(101);

        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/" + key,
                singleSend("def", "c", "a@example.com"), token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errorcode").asInt()).isEqualTo(109108);
        assertThat(client.postJson("/messaging/v1/email/messages/" + "k".repeat(100),
                singleSend("def", "c", "a@example.com"), token).statusCode()).isEqualTo(202);
    }

    @Test
    void decodes_a_percent_encoded_message_key_from_the_path() {
        client.postJson("/messaging/v1/email/messages/a%20b+c", singleSend("def", "c", "a@example.com"), token);

        assertThat(sandbox.ledger().acceptedCount("email", "a b+c")).isEqualTo(1);
    }

    @Test
    void answers_404_for_an_unknown_path_and_records_it_as_unmatched() {
        HttpResponse<String> response = client.postJson("/messaging/v1/push/messages/k1",
                singleSend("def", "c", "a@example.com"), token);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(sandbox.ledger().requests(RouteIds.UNMATCHED)).singleElement()
                .satisfies(request -> assertThat(request.target()).isEqualTo("/messaging/v1/push/messages/k1"));
    }
}
