package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The exchange log end to end, with default logging: a gateway process runs the token, send and status flows
 * against its sandbox with known secrets and personal data and with faults (see {@link ExchangeLogScenario}); the
 * tests read what it wrote and served. The gateway runs once for all tests here; each test only reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeLogEndToEndTest {

    ExchangeLogScenario run;
    List<JsonNode> records;

    @BeforeAll
    void runTheFlows() throws Exception {
        run = ExchangeLogScenario.run(ExchangeLogScenario.freshFolder("default-logging"));
        records = run.records();
    }

    @Test
    void no_secret_or_personal_value_reaches_the_output_the_exchange_log_or_a_support_bundle() {
        run.assertNothingKnownWasWritten();

        String log = String.join("\n", records.stream().map(JsonNode::toString).toList());
        assertThat(log).as("secrets are masked, personal data hashed, not dropped")
                .contains("\"client_secret\\\":\\\"***\\\"", "\"Bearer ***\"", "\\\"to\\\":\\\"hash:",
                        "\\\"FirstName\\\":\\\"hash:", "\\\"access_token\\\":\\\"***\\\"");
    }

    @Test
    void every_http_attempt_is_one_record_with_route_message_keys_and_attempt_number() {
        List<JsonNode> tokenRequests = records.stream().filter(url("/v2/token")).toList();
        assertThat(tokenRequests).extracting(record -> record.path("status").asInt())
                .as("two 500s, then a token; a second token after the 401").containsExactly(500, 500, 200, 200);
        assertThat(tokenRequests).extracting(record -> record.path("attempt").asInt()).containsExactly(1, 2, 3, 1);
        assertThat(tokenRequests).allSatisfy(record -> {
            assertThat(record.path("route").asText()).isEqualTo("fetch-token");
            assertThat(record.path("businessUnit").asText()).isEqualTo("default");
        });

        List<JsonNode> failingSend = records.stream().filter(messageKeys("[\"e2e-500\"]")).toList();
        assertThat(failingSend).extracting(record -> record.path("status").asInt())
                .containsExactly(500, 500, 500, 500, 202);
        assertThat(failingSend).extracting(record -> record.path("attempt").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(failingSend).allSatisfy(record -> {
            assertThat(record.path("route").asText()).isEqualTo("mce-rest-call");
            assertThat(record.path("fromRoute").asText()).as("a send").isEqualTo("claim-due-messages");
        });
        assertThat(single(messageKeys("[\"e2e-proxy\"]").and(url("/messages/e2e-proxy"))).path("fromRoute").asText())
                .as("the status check after the proxy's 502").isEqualTo("resolve-unknown-outcome");

        assertThat(records.stream().filter(messageKeys("[\"e2e-401\"]")))
                .as("the 401 and the resend with the new token")
                .extracting(record -> record.path("status").asInt() + "#" + record.path("attempt").asInt())
                .containsExactly("401#1", "202#2");
        assertThat(records.stream().filter(messageKeys("[\"e2e-batch-ada\",\"e2e-batch-grace\"]")))
                .as("one batch request carrying both messageKeys").hasSize(1);
    }

    @Test
    void every_record_names_the_business_route_it_was_made_for() {
        assertThat(records).allSatisfy(record -> {
            String call = record.path("method").asText() + " " + record.path("url").asText();
            String fromRoute = record.path("fromRoute").asText();
            if (call.contains("/v2/token")) {
                assertThat(fromRoute).as(call).isEqualTo("fetch-token");
            } else if (call.contains("type=notSent")) {
                assertThat(fromRoute).as(call).isEqualTo("poll-not-sent-events");
            } else if (call.startsWith("POST")) {
                assertThat(fromRoute).as(call).isIn("claim-due-messages", "resolve-unknown-outcome");
            } else {
                assertThat(fromRoute).as(call).isIn("reconcile-message-statuses", "resolve-unknown-outcome");
            }
        });
    }

    @Test
    void a_502_html_page_from_a_proxy_is_classified_as_intermediary() {
        JsonNode proxyError = single(messageKeys("[\"e2e-proxy\"]").and(status(502)));

        assertThat(proxyError.path("responseBody").asText()).contains("<html>", "502 Bad Gateway");
        assertThat(proxyError.path("classification").path("source").asText()).isEqualTo("INTERMEDIARY");
        assertThat(proxyError.path("classification").path("signature").asText()).isEqualTo("502/-/INTERMEDIARY");
        assertThat(proxyError.path("classification").path("retryable").asBoolean()).isTrue();
        assertThat(records.stream().filter(messageKeys("[\"e2e-proxy\"]").and(url("/messages/e2e-proxy"))))
                .as("then a status check, which found no such message").isNotEmpty()
                .first().satisfies(check -> assertThat(check.path("status").asInt()).isEqualTo(404));
    }

    @Test
    void a_500_with_an_mce_error_body_is_classified_as_mce() {
        JsonNode mceError = records.stream().filter(messageKeys("[\"e2e-500\"]").and(status(500))).findFirst()
                .orElseThrow();

        assertThat(mceError.path("responseBody").asText()).contains("\"errorcode\":0");
        assertThat(mceError.path("classification").path("source").asText()).isEqualTo("MCE");
        assertThat(mceError.path("classification").path("signature").asText()).isEqualTo("500/0/MCE");
        assertThat(mceError.path("classification").path("retryable").asBoolean()).isTrue();
    }

    @Test
    void a_read_timeout_is_classified_as_client_timeout() {
        JsonNode timeout = single(messageKeys("[\"e2e-late\"]").and(url("/messaging/v1/email/messages/"))
                .and(record -> record.path("status").isNull()));

        assertThat(timeout.path("classification").path("source").asText()).isEqualTo("CLIENT_TIMEOUT");
        assertThat(timeout.path("classification").path("signature").asText()).isEqualTo("-/-/CLIENT_TIMEOUT");
        assertThat(timeout.path("error").asText()).contains("SocketTimeoutException");
        assertThat(timeout.path("durationMs").asLong()).isBetween(1_900L, 3_900L);
    }

    @Test
    void the_support_bundle_for_a_signature_holds_three_representative_masked_exchanges_and_the_trend() {
        JsonNode bundle = run.bundle("signature=500/0/MCE");

        assertThat(bundle.path("query").asText()).isEqualTo("signature=500/0/MCE");
        assertThat(bundle.path("masking").asText()).contains("***", "hash:");
        assertThat(bundle.path("groups")).hasSize(1);
        JsonNode group = bundle.path("groups").get(0);
        assertThat(group.path("source").asText()).isEqualTo("MCE");
        assertThat(group.path("matchingExchanges").asInt()).as("two token 500s and four send 500s").isEqualTo(6);
        assertThat(group.path("exchanges")).hasSize(3);
        assertThat(group.path("exchanges").get(0).path("timestamp").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d");
        JsonNode trend = group.path("trend");
        assertThat(trend.path("count5m").asInt()).isEqualTo(6);
        assertThat(trend.path("count60m").asInt()).as("nothing before the last 5 minutes").isEqualTo(6);
        assertThat(trend.path("baselineRate").asDouble()).isZero();
        // Six errors among every exchange the trend had counted when the bundle was made: at least those written
        // before it was asked for, at most all written by the end.
        assertThat(trend.path("rate").asDouble())
                .isBetween(6.0 / records.size(), 6.0 / run.recordsBeforeBundles);
        OffsetDateTime firstError = OffsetDateTime.parse(records.stream().filter(status(500)).findFirst()
                .orElseThrow().path("timestamp").asText());
        OffsetDateTime firstSeen = OffsetDateTime.parse(trend.path("firstSeen").asText());
        assertThat(firstSeen).as("when the first 500 came back").isAfterOrEqualTo(firstError)
                .isBeforeOrEqualTo(OffsetDateTime.parse(trend.path("lastSeen").asText()));
        assertThat(trend.path("trend").asText())
                .as("six errors within a minute or two: never three elevated minutes in a row")
                .isEqualTo("SPORADIC");
        assertThat(trend.path("elevatedSince").isNull()).isTrue();
    }

    @Test
    void the_support_bundle_for_a_message_key_groups_its_exchanges_by_signature() {
        JsonNode bundle = run.bundle("messageKey=e2e-proxy");

        assertThat(bundle.path("groups").findValuesAsText("signature"))
                .contains("502/-/INTERMEDIARY", "success");
        assertThat(bundle.toString()).contains("Bearer ***").doesNotContain(ExchangeLogScenario.ADA_EMAIL);
    }

    @Test
    void the_support_bundle_needs_exactly_one_of_signature_or_message_key_and_the_api_key() throws Exception {
        assertThat(run.bundleWithoutQuery.statusCode()).isEqualTo(400);
        assertThat(ExchangeLogScenario.JSON.readTree(run.bundleWithoutQuery.body()).path("error").asText())
                .isEqualTo("invalid_request");
        assertThat(run.bundleWithBothParameters.statusCode()).isEqualTo(400);
        assertThat(run.bundleWithoutApiKey.statusCode()).isEqualTo(401);
    }

    @Test
    void the_error_trend_shows_in_health_and_metrics_by_signature() throws Exception {
        JsonNode trend = ExchangeLogScenario.JSON.readTree(run.health).path("components").path("mceErrorTrend");

        Set<String> signatures = new TreeSet<>(records.stream()
                .map(record -> record.path("classification").path("signature"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList());
        assertThat(signatures).as("the faults the scenario injected").containsExactly("-/-/CLIENT_TIMEOUT",
                "401/0/MCE", "404/30003/MCE", "500/0/MCE", "502/-/INTERMEDIARY");

        assertThat(trend.path("status").asText()).isEqualTo("UP");
        assertThat(trend.path("details").path("sporadicSignatures").asInt()).isEqualTo(signatures.size());
        assertThat(trend.path("details").path("persistentErrors").isObject()).isTrue();
        assertThat(trend.path("details").path("persistentErrors").size()).isZero();
        assertThat(run.metrics).contains("mce_errors_total{signature=\"500/0/MCE\",source=\"MCE\"} 6.0",
                "mce_errors_total{signature=\"502/-/INTERMEDIARY\",source=\"INTERMEDIARY\"} 1.0",
                "mce_errors_total{signature=\"-/-/CLIENT_TIMEOUT\",source=\"CLIENT_TIMEOUT\"} 1.0",
                "mce_errors_persistent{signature=\"-/-/CLIENT_TIMEOUT\"} 0.0",
                "mce_errors_persistent{signature=\"500/0/MCE\"} 0.0");
    }

    private JsonNode single(Predicate<JsonNode> filter) {
        List<JsonNode> found = records.stream().filter(filter).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Predicate<JsonNode> url(String part) {
        return record -> record.path("url").asText().contains(part);
    }

    private static Predicate<JsonNode> status(int status) {
        return record -> record.path("status").asInt() == status;
    }

    private static Predicate<JsonNode> messageKeys(String keys) {
        return record -> record.path("messageKeys").toString().equals(keys);
    }
}
