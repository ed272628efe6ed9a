package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
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

class NotSentListTest {

    private MceSandbox sandbox;
    private SandboxClient client;
    private String token;

    @BeforeEach
    void start() {
        sandbox = MceSandbox.start(SandboxSettings.defaults()
                .withStatusDelay(Duration.ofMillis(200))
                .withNotSentRatio(1.0));
        client = new SandboxClient(sandbox);
        token = client.token();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void lists_not_sent_events_only_once_the_status_delay_has_passed() {
        sandbox.updateSettings(s -> s.withStatusDelay(Duration.ofSeconds(1)));
        client.postJson("/messaging/v1/email/messages/", BatchSendTest.batchOf(3), token);

        JsonNode early = json(client.get("/messaging/v1/email/messages/?type=notSent", token));
        assertThat(early.toString()).isEqualTo("{\"lastEventID\":0,\"messages\":[],\"count\":0}");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(client.get("/messaging/v1/email/messages/?type=notSent", token)).get("count").asInt())
                        .isEqualTo(3));
    }

    @Test
    void answers_the_documented_shape_with_increasing_event_ids() {
        client.postJson("/messaging/v1/email/messages/", BatchSendTest.batchOf(3), token);
        JsonNode page = awaitNotSent("/messaging/v1/email/messages/?type=notSent", 3);

        assertThat(fieldNames(page)).containsExactly("lastEventID", "messages", "count");
        JsonNode first = page.get("messages").get(0);
        assertThat(fieldNames(first)).containsExactly("statusCode", "statusMessage", "eventCategoryType", "timestamp",
                "definitionKey", "eventID", "info");
        assertThat(first.get("eventCategoryType").asText()).isEqualTo("TransactionalSendEvents.EmailNotSent");
        assertThat(first.get("definitionKey").asText()).isEqualTo("def");
        assertThat(first.get("info").get("messageKey").asText()).startsWith("batch-");
        assertThat(first.get("info").has("contactKey")).isTrue();
        List<Long> ids = eventIds(page);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(page.get("lastEventID").asLong()).isEqualTo(ids.get(2));
    }

    @Test
    void pages_with_page_size_and_last_event_id_without_gaps_or_repeats() {
        client.postJson("/messaging/v1/email/messages/", BatchSendTest.batchOf(7), token);
        awaitNotSent("/messaging/v1/email/messages/?type=notSent", 7);

        List<Long> seen = new ArrayList<>();
        long lastEventId = 0;
        for (int pages = 0; pages < 5; pages++) {
            JsonNode page = json(client.get("/messaging/v1/email/messages/?type=notSent&$pageSize=3&lastEventId="
                    + lastEventId, token));
            assertThat(page.get("count").asInt()).isLessThanOrEqualTo(3).isEqualTo(page.get("messages").size());
            seen.addAll(eventIds(page));
            lastEventId = page.get("lastEventID").asLong();
        }

        assertThat(seen).hasSize(7).isSorted().doesNotHaveDuplicates();
        assertThat(lastEventId).isEqualTo(seen.get(6));
    }

    @Test
    void accepts_the_lower_case_pagesize_of_the_doc_example() {
        client.postJson("/messaging/v1/email/messages/", BatchSendTest.batchOf(4), token);
        awaitNotSent("/messaging/v1/email/messages/?type=notSent", 4);

        JsonNode page = json(client.get("/messaging/v1/email/messages/?type=notSent&$pagesize=2", token));

        assertThat(page.get("count").asInt()).isEqualTo(2);
    }

    @Test
    void returns_the_given_last_event_id_when_nothing_is_newer() {
        JsonNode page = json(client.get("/messaging/v1/sms/messages/?type=notSent&lastEventId=35759", token));

        assertThat(page.toString()).isEqualTo("{\"lastEventID\":35759,\"messages\":[],\"count\":0}");
    }

    @Test
    void lists_sms_not_sent_events_on_the_sms_route_only() {
        client.postJson("/messaging/v1/sms/messages/s1", SandboxClient.singleSend("def", "c1", "15555551234"), token);

        JsonNode sms = awaitNotSent("/messaging/v1/sms/messages?type=notSent", 1);

        assertThat(sms.get("messages").get(0).get("eventCategoryType").asText()).isEqualTo("TransactionalSendEvents.SMSNotSent");
        assertThat(json(client.get("/messaging/v1/email/messages/?type=notSent", token)).get("count").asInt()).isZero();
        assertThat(sandbox.ledger().requestCount(RouteIds.SMS_NOT_SENT)).isPositive();
    }

    @Test
    void rejects_a_missing_or_other_type_with_400() {
        HttpResponse<String> missing = client.get("/messaging/v1/email/messages/", token);
        HttpResponse<String> other = client.get("/messaging/v1/email/messages/?type=sent", token);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(json(other).get("errorcode").asInt()).isEqualTo(10005);
    }

    @Test
    void rejects_a_page_size_that_is_not_a_positive_number_with_400() {
        assertThat(client.get("/messaging/v1/email/messages/?type=notSent&$pageSize=abc", token).statusCode()).isEqualTo(400);
        assertThat(client.get("/messaging/v1/email/messages/?type=notSent&$pageSize=0", token).statusCode()).isEqualTo(400);
    }

    private JsonNode awaitNotSent(String path, int count) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(client.get(path, token)).get("count").asInt()).isEqualTo(count));
        return json(client.get(path, token));
    }

    private static List<Long> eventIds(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("messages").forEach(message -> ids.add(message.get("eventID").asLong()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
