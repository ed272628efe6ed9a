package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.sandbox.AcceptedMessage;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteRequest;
import io.mcegateway.send.Channel;
import io.mcegateway.send.MessageRecord;
import io.mcegateway.send.MessageStatus;
import io.mcegateway.send.MessageStore;
import io.mcegateway.support.ActuatorMetrics;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Reconciliation at scale, black-box against the sandbox: every message ends SENT or NOT_SENT with MCE's reason,
 * NotSent outcomes arrive by the page, and only messages the not-sent list did not settle are looked up one by one.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.sandbox.not-sent-ratio=0.05",
        "mce.status.check-delays=1s,500ms,1s",
        "mce.status.not-sent-page-size=" + NotSentMarkingTest.PAGE_SIZE})
class NotSentMarkingTest {

    static final int PAGE_SIZE = 50;
    static final int MESSAGES = 1000;
    /** The test profile's mce.sandbox.status-delay: until then the sandbox answers Queued. */
    static final Duration SANDBOX_STATUS_DELAY = Duration.ofMillis(200);

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Autowired
    MessageStore store;

    @Autowired
    ObjectMapper json;

    @Test
    void a_thousand_messages_end_sent_or_not_sent_with_one_lookup_per_sent_message_and_not_sent_by_the_page()
            throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        List<String> keys = IntStream.range(0, MESSAGES).mapToObj(i -> "recon-" + i).toList();
        for (int post = 0; post < 2; post++) {
            String recipients = keys.subList(post * 500, post * 500 + 500).stream()
                    .map(key -> "{\"contactKey\":\"c-" + key + "\",\"to\":\"" + key + "@example.com\",\"messageKey\":\""
                            + key + "\"}")
                    .collect(Collectors.joining(","));
            assertThat(gateway.sendEmailBatch("{\"definitionKey\":\"welcome\",\"recipients\":[" + recipients + "]}")
                    .statusCode()).isEqualTo(202);
        }

        Eventually.within(Duration.ofSeconds(120)).until(() -> store.count(MessageStatus.SENT)
                + store.count(MessageStatus.NOT_SENT) == MESSAGES);

        List<RouteRequest> lookups = sandbox.ledger().requests("email-status");
        List<RouteRequest> pages = sandbox.ledger().requests("email-notsent");
        Map<String, MessageRecord> records = new HashMap<>();
        keys.forEach(key -> records.put(key, store.find(Channel.EMAIL, key).orElseThrow()));
        long sent = records.values().stream().filter(r -> r.status() == MessageStatus.SENT).count();
        long notSent = records.values().stream().filter(r -> r.status() == MessageStatus.NOT_SENT).count();
        Map<String, Instant> acceptedAt = sandbox.ledger().acceptedMessages("email").stream()
                .collect(Collectors.toMap(AcceptedMessage::messageKey, AcceptedMessage::firstAcceptedAt));
        // A lookup is needed for each message the not-sent list cannot settle (it ends Sent), and again for each
        // answer that was still Queued.
        long queuedAnswers = lookups.stream().filter(lookup -> lookup.receivedAt()
                .isBefore(acceptedAt.get(key(lookup)).plus(SANDBOX_STATUS_DELAY))).count();
        long lookupsOfNotSent = lookups.stream()
                .filter(lookup -> records.get(key(lookup)).status() == MessageStatus.NOT_SENT).count();
        long needed = sent + queuedAnswers;
        Instant firstAccepted = acceptedAt.values().stream().min(Instant::compareTo).orElseThrow();
        System.out.printf("reconciliation: first acceptance at MCE +0 ms, first lookup +%d ms, last lookup +%d ms, "
                        + "not-sent pages at %s ms%n", Duration.between(firstAccepted, lookups.get(0).receivedAt()).toMillis(),
                Duration.between(firstAccepted, lookups.get(lookups.size() - 1).receivedAt()).toMillis(),
                pages.stream().map(page -> Duration.between(firstAccepted, page.receivedAt()).toMillis()).toList());
        System.out.printf("reconciliation: %d messages -> %d SENT, %d NOT_SENT; MCE status requests: %d lookups by "
                        + "messageKey (%d needed: %d Sent + %d Queued answers; %d of NotSent messages) + %d not-sent "
                        + "pages (allowed %d = %d / page size %d) = %d%n", MESSAGES, sent, notSent, lookups.size(),
                needed, sent, queuedAnswers, lookupsOfNotSent, pages.size(), MESSAGES / PAGE_SIZE, MESSAGES,
                PAGE_SIZE, lookups.size() + pages.size());

        assertThat(sent + notSent).isEqualTo(MESSAGES);
        assertThat(notSent).as("about 5%% NotSent").isBetween(20L, 80L);
        assertThat(pages.size()).as("not-sent pages").isLessThanOrEqualTo(MESSAGES / PAGE_SIZE);
        assertThat(lookups.size() + pages.size()).as("all MCE status requests")
                .isLessThanOrEqualTo(MESSAGES / PAGE_SIZE + (int) needed);
        assertThat(lookups).as("every lookup was answered").allSatisfy(lookup ->
                assertThat(lookup.status()).isEqualTo(200));

        Map<String, JsonNode> mceNotSent = notSentAtMce();
        assertThat(records.values()).filteredOn(r -> r.status() == MessageStatus.NOT_SENT)
                .extracting(MessageRecord::messageKey).containsExactlyInAnyOrderElementsOf(mceNotSent.keySet());
        assertThat(records.values()).filteredOn(r -> r.status() == MessageStatus.NOT_SENT).allSatisfy(record -> {
            JsonNode event = mceNotSent.get(record.messageKey());
            assertThat(record.mceStatusCode()).isEqualTo(event.get("statusCode").asInt());
            assertThat(record.mceStatusMessage()).isEqualTo(event.get("statusMessage").asText()).isNotBlank();
        });
        String notSentRecord = gateway.message("email", mceNotSent.keySet().iterator().next()).body();
        assertThat(notSentRecord).contains("\"status\":\"NOT_SENT\"").contains("\"mceStatus\":{\"statusCode\":");

        ActuatorMetrics metrics = new ActuatorMetrics(gateway);
        assertThat(metrics.value("gateway.status.checks", "channel:email", "result:sent")).isEqualTo(sent);
        assertThat(metrics.value("gateway.status.not_sent.events", "channel:email")).isEqualTo(notSent);
        assertThat(metrics.value("gateway.reconciliation.backlog")).isZero();
        assertThat(metrics.value("gateway.reconciliation.oldest.age")).isZero();
    }

    private static String key(RouteRequest lookup) {
        String path = lookup.target();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** MCE's own not-sent list, read straight from the sandbox after the measurement. */
    private Map<String, JsonNode> notSentAtMce() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = json.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v2/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\","
                        + "\"client_id\":\"sandbox-client-id\",\"client_secret\":\"sandbox-client-secret\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("access_token").asText();
        JsonNode page = json.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/messaging/v1/email/messages/?type=notSent&$pageSize=500&lastEventId=0"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, JsonNode> events = new HashMap<>();
        page.get("messages").forEach(event -> events.put(event.path("info").path("messageKey").asText(), event));
        return events;
    }
}
