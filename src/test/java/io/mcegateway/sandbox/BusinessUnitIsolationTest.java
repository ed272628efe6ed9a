package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static io.mcegateway.sandbox.SandboxClient.singleSend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusinessUnitIsolationTest {

    private MceSandbox sandbox;
    private SandboxClient client;
    private String unitA;
    private String unitB;

    @BeforeEach
    void start() {
        sandbox = MceSandbox.start(SandboxSettings.defaults()
                .withStatusDelay(Duration.ofMillis(100))
                .withNotSentRatio(1.0)
                .withClient("other-client", "other-secret"));
        client = new SandboxClient(sandbox);
        unitA = client.token("1001");
        unitB = client.token("1002");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void accepts_the_same_message_key_once_in_each_business_unit() {
        String body = singleSend("def", "c1", "a@example.com");

        assertThat(json(client.postJson("/messaging/v1/email/messages/shared", body, unitA)).get("errorcode").asInt()).isZero();
        assertThat(json(client.postJson("/messaging/v1/email/messages/shared", body, unitB)).get("errorcode").asInt()).isZero();
        assertThat(json(client.postJson("/messaging/v1/email/messages/shared", body, unitA)).get("errorcode").asInt())
                .isEqualTo(109001);

        assertThat(sandbox.ledger().acceptedMessages("email")).extracting(AcceptedMessage::businessUnit).containsExactly(
                new BusinessUnit(SandboxSettings.DEFAULT_CLIENT_ID, "1001"),
                new BusinessUnit(SandboxSettings.DEFAULT_CLIENT_ID, "1002"));
        assertThat(sandbox.ledger().acceptedCount("email", "shared")).isEqualTo(2);
    }

    @Test
    void hides_one_business_units_messages_and_events_from_another() {
        client.postJson("/messaging/v1/email/messages/only-a", singleSend("def", "c1", "a@example.com"), unitA);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(json(client.get("/messaging/v1/email/messages/?type=notSent", unitA)).get("count").asInt())
                        .isEqualTo(1));

        assertThat(client.get("/messaging/v1/email/messages/only-a", unitB).statusCode()).isEqualTo(404);
        assertThat(json(client.get("/messaging/v1/email/messages/?type=notSent", unitB)).get("count").asInt()).isZero();
    }

    @Test
    void treats_another_client_as_another_business_unit_even_with_the_same_account_id() {
        String otherClient = SandboxClient.json(client.requestToken("other-client", "other-secret", "1001"))
                .get("access_token").asText();
        client.postJson("/messaging/v1/sms/messages/k", singleSend("def", "c1", "15555551234"), unitA);

        assertThat(json(client.postJson("/messaging/v1/sms/messages/k", singleSend("def", "c1", "15555551234"), otherClient))
                .get("errorcode").asInt()).isZero();
    }
}
