package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static io.mcegateway.sandbox.SandboxClient.singleSend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendStatusTest {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{1,3}";

    private MceSandbox sandbox;
    private SandboxClient client;
    private String token;

    @BeforeEach
    void start() {
        sandbox = MceSandbox.start(SandboxSettings.defaults().withStatusDelay(Duration.ofMillis(300)));
        client = new SandboxClient(sandbox);
        token = client.token();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void reports_email_queued_without_composite_id_or_info_until_the_delay_then_sent() {
        sandbox.updateSettings(s -> s.withStatusDelay(Duration.ofSeconds(1)));
        client.postJson("/messaging/v1/email/messages/m1", singleSend("def", "c1", "a@example.com"), token);

        HttpResponse<String> queued = client.get("/messaging/v1/email/messages/m1", token);

        assertThat(queued.statusCode()).isEqualTo(200);
        assertThat(queued.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = json(queued);
        assertThat(fieldNames(body)).containsExactly("requestId", "eventCategoryType", "timestamp");
        assertThat(body.get("eventCategoryType").asText()).isEqualTo("TransactionalSendEvents.EmailQueued");
        assertThat(body.get("timestamp").asText()).matches(TIMESTAMP);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(client.get("/messaging/v1/email/messages/m1", token)).get("eventCategoryType").asText())
                        .isEqualTo("TransactionalSendEvents.EmailSent"));
        JsonNode sent = json(client.get("/messaging/v1/email/messages/m1", token));
        assertThat(fieldNames(sent)).containsExactly("requestId", "eventCategoryType", "timestamp", "compositeId", "info");
        assertThat(sent.get("info").toString())
                .isEqualTo("{\"messageKey\":\"m1\",\"contactKey\":\"c1\",\"to\":\"a@example.com\"}");
    }

    @Test
    void reports_email_not_sent_with_a_subscriber_status_code_when_the_ratio_says_so() {
        sandbox.updateSettings(s -> s.withNotSentRatio(1.0));
        client.postJson("/messaging/v1/email/messages/m2", singleSend("def", "c2", "b@example.com"), token);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(client.get("/messaging/v1/email/messages/m2", token)).get("eventCategoryType").asText())
                        .isEqualTo("TransactionalSendEvents.EmailNotSent"));
        JsonNode info = json(client.get("/messaging/v1/email/messages/m2", token)).get("info");
        assertThat(info.get("messageKey").asText()).isEqualTo("m2");
        assertThat(info.get("statusCode").asInt()).isIn(24, 5, 1);
        assertThat(info.get("statusMessage").asText()).isIn("ListDetectiveExclusion", "InvalidEmailAddress", "Unsubscribed");
    }

    @Test
    void ends_roughly_the_configured_share_of_messages_not_sent() {
        sandbox.updateSettings(s -> s.withNotSentRatio(0.3).withStatusDelay(Duration.ZERO));
        client.postJson("/messaging/v1/email/messages/", BatchSendTest.batchOf(400), token);

        int notSent = 0;
        for (int i = 0; i < 400; i++) {
            String type = json(client.get("/messaging/v1/email/messages/batch-" + i, token)).get("eventCategoryType").asText();
            assertThat(type).isIn("TransactionalSendEvents.EmailSent", "TransactionalSendEvents.EmailNotSent");
            notSent += type.endsWith("NotSent") ? 1 : 0;
        }
        // The draw is a hash of each key, so this count is the same on every run; the bounds say "about 30 %".
        assertThat(notSent).isBetween(80, 160);
    }

    @Test
    void uses_sms_event_names_and_no_address_on_the_sms_route() {
        client.postJson("/messaging/v1/sms/messages/s1", singleSend("def", "c1", "15555551234"), token);

        assertThat(json(client.get("/messaging/v1/sms/messages/s1", token)).get("eventCategoryType").asText())
                .isEqualTo("TransactionalSendEvents.SMSQueued");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(client.get("/messaging/v1/sms/messages/s1", token)).get("eventCategoryType").asText())
                        .isEqualTo("TransactionalSendEvents.SMSSent"));
        assertThat(json(client.get("/messaging/v1/sms/messages/s1", token)).get("info").toString())
                .isEqualTo("{\"messageKey\":\"s1\",\"contactKey\":\"c1\"}");
    }

    @Test
    void answers_404_with_30003_for_an_unknown_message_key() {
        HttpResponse<String> response = client.get("/messaging/v1/email/messages/never-sent", token);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"MCMS_UTM_Runtime_ObjectNotFound: No message found for"
                + " messageKey\",\"errorcode\":30003,\"documentation\":\"\"}");
    }

    @Test
    void reports_the_latest_acceptance_of_a_reused_key() {
        sandbox.updateSettings(s -> s.withDuplicateKeyWindow(Duration.ZERO).withStatusDelay(Duration.ofMillis(200)));
        client.postJson("/messaging/v1/email/messages/m3", singleSend("def", "first", "a@example.com"), token);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(json(client.get("/messaging/v1/email/messages/m3", token)).get("eventCategoryType").asText())
                        .endsWith("Sent"));

        sandbox.updateSettings(s -> s.withStatusDelay(Duration.ofMinutes(1)));
        client.postJson("/messaging/v1/email/messages/m3", singleSend("def", "second", "a@example.com"), token);

        assertThat(json(client.get("/messaging/v1/email/messages/m3", token)).get("eventCategoryType").asText())
                .isEqualTo("TransactionalSendEvents.EmailQueued");
        assertThat(sandbox.ledger().acceptedCount("email", "m3")).isEqualTo(2);
    }

    @Test
    void records_status_requests_per_route() {
        client.get("/messaging/v1/email/messages/x", token);
        client.get("/messaging/v1/sms/messages/x", token);

        assertThat(sandbox.ledger().requestCount(RouteIds.EMAIL_STATUS)).isEqualTo(1);
        assertThat(sandbox.ledger().requestCount(RouteIds.SMS_STATUS)).isEqualTo(1);
        assertThat(sandbox.ledger().requests(RouteIds.EMAIL_STATUS)).singleElement()
                .satisfies(request -> assertThat(request.status()).isEqualTo(404));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
