package io.mcegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import io.mcegateway.support.RawHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The gateway API as internal systems use it: acceptance, idempotency, status, replay and bad input. */
@CamelSpringBootTest
@AutoConfigureObservability
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mce.send.max-body-size=256KB")
class GatewayApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Autowired
    DataSource dataSource;

    GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
        sandbox.faults().clear();
    }

    @Test
    void an_accepted_email_is_stored_then_submitted_to_mce_once() {
        HttpResponse<String> response = gateway.sendEmail("api-1");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"messageKey\":\"api-1\",\"status\":\"ACCEPTED\"}");
        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", "api-1")));
        assertThat(sandbox.ledger().acceptedCount("email", "api-1")).isEqualTo(1);
        assertThat(gateway.message("email", "api-1").body()).contains("\"mceRequestId\":\"")
                .contains("\"attempts\":1").doesNotContain("example.com");
    }

    @Test
    void a_message_key_posted_again_gets_200_with_its_record_and_is_not_sent_again() {
        assertThat(gateway.sendEmail("api-dup").statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", "api-dup")));

        HttpResponse<String> again = gateway.sendEmail("api-dup");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"SUBMITTED\"").contains("\"messageKey\":\"api-dup\"");
        assertThat(sandbox.ledger().acceptedCount("email", "api-dup")).isEqualTo(1);
    }

    @Test
    void an_sms_batch_gets_generated_keys_for_recipients_without_one() {
        HttpResponse<String> response = gateway.post("/api/v1/sms/messages", """
                {"definitionKey":"otp","recipients":[
                  {"contactKey":"c1","to":"+15555550101"},
                  {"contactKey":"c2","to":"15555550102","messageKey":"sms-batch-2"}]}""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("{\"messageKey\":\"sms-batch-2\",\"status\":\"ACCEPTED\"}");
        String generated = response.body().replaceAll(".*\\{\"messageKey\":\"([^\"]+)\",\"status\":\"ACCEPTED\"},.*", "$1");
        assertThat(generated).hasSize(22).isNotEqualTo("sms-batch-2");
        Eventually.soon().until(() -> sandbox.ledger().acceptedCounts("sms").size() == 2);
        assertThat(sandbox.ledger().acceptedCounts("sms")).containsOnlyKeys(generated, "sms-batch-2");
    }

    @Test
    void a_known_key_in_a_batch_is_reported_as_a_duplicate_and_not_sent_again() {
        assertThat(gateway.sendEmail("batch-known").statusCode()).isEqualTo(202);
        HttpResponse<String> response = gateway.sendEmailBatch("""
                {"definitionKey":"d","recipients":[
                  {"contactKey":"c1","to":"a@example.com","messageKey":"batch-known"},
                  {"contactKey":"c2","to":"b@example.com","messageKey":"batch-new"}]}""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"messageKey\":\"batch-known\"").contains("\"duplicate\":true");
        // The two keys travel in different batches (different attributes), which may reach MCE in either order.
        Eventually.soon().until(() -> sandbox.ledger().acceptedCount("email", "batch-new") == 1
                && sandbox.ledger().acceptedCount("email", "batch-known") > 0);
        assertThat(sandbox.ledger().acceptedCount("email", "batch-known")).isEqualTo(1);
    }

    @Test
    void a_message_refused_by_mce_is_failed_with_mce_reason_and_can_be_replayed() {
        int batchesBefore = sandbox.ledger().requestCount("email-batch");
        sandbox.faults().script("email-batch", Fault.httpError(400));
        assertThat(gateway.sendEmail("api-refused").statusCode()).isEqualTo(202);

        Eventually.soon().until(() -> "FAILED".equals(gateway.status("email", "api-refused")));
        assertThat(gateway.message("email", "api-refused").body()).contains("\"source\":\"MCE\"")
                .contains("\"attempts\":1");
        assertThat(sandbox.ledger().requestCount("email-batch")).as("a 400 is not retried").isEqualTo(batchesBefore + 1);

        HttpResponse<String> replay = gateway.post("/api/v1/email/messages/api-refused/replay", "");
        assertThat(replay.statusCode()).isEqualTo(202);
        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", "api-refused")));
        assertThat(sandbox.ledger().acceptedCount("email", "api-refused")).isEqualTo(1);
        assertThat(gateway.post("/api/v1/email/messages/api-refused/replay", "").statusCode()).isEqualTo(409);
    }

    @Test
    void a_replay_needs_neither_a_body_nor_a_content_type() {
        // The README's call: curl -X POST .../replay, which sends no Content-Type.
        HttpResponse<String> replay = gateway.postAs("/api/v1/email/messages/never-posted/replay", null, null);

        assertThat(replay.statusCode()).isEqualTo(404);
        assertThat(replay.body()).contains("\"error\":\"not_found\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "(none)", textBlock = """
            text/plain
            application/x-www-form-urlencoded
            (none)
            """)
    void a_send_whose_body_is_not_declared_json_gets_415_in_the_gateway_format(String contentType) {
        String key = "not-json-" + (contentType == null ? "none" : contentType.replaceAll("\\W", "-"));
        String body = GatewayClient.emailBody("c", "a@example.com");

        HttpResponse<String> single = gateway.postAs("/api/v1/email/messages/" + key, contentType, body);
        HttpResponse<String> batch = gateway.postAs("/api/v1/email/messages", contentType, """
                {"definitionKey":"d","recipients":[{"contactKey":"c","to":"a@example.com","messageKey":"%s-b"}]}"""
                .formatted(key));

        for (HttpResponse<String> response : List.of(single, batch)) {
            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).startsWith("{\"error\":\"unsupported_media_type\"")
                    .contains("Content-Type: application/json");
        }
        assertThat(gateway.status("email", key)).isNull();
        assertThat(gateway.status("email", key + "-b")).isNull();
    }

    @Test
    void a_wrong_content_type_without_an_api_key_gets_401_first() {
        HttpResponse<String> response = new GatewayClient(port, null).postAs("/api/v1/email/messages/no-key-text",
                "text/plain", GatewayClient.emailBody("c", "a@example.com"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void json_with_a_charset_parameter_is_accepted() {
        HttpResponse<String> response = gateway.postAs("/api/v1/email/messages/json-charset",
                "application/json; charset=UTF-8", GatewayClient.emailBody("c", "a@example.com"));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void operators_see_the_send_flow_in_prometheus_metrics() {
        assertThat(gateway.sendEmail("metrics-1").statusCode()).isEqualTo(202);
        assertThat(gateway.sendEmail("metrics-1").statusCode()).isEqualTo(200);
        Eventually.soon().until(() -> "SUBMITTED".equals(gateway.status("email", "metrics-1")));

        String metrics = new GatewayClient(port, null).get("/actuator/prometheus").body();

        assertThat(metrics).contains("gateway_messages_accepted_total{channel=\"email\"")
                .contains("gateway_messages_duplicates_total{channel=\"email\"")
                .contains("mce_requests_total{source=\"MCE\",status=\"202\"")
                .contains("mce_send_batch_size_count").contains("mce_send_throttle_wait_seconds_count")
                .contains("gateway_message_latency_seconds_count{channel=\"email\"")
                .contains("gateway_messages{status=\"SUBMITTED\"").contains("mce_token_requests_total");
    }

    @Test
    void an_unknown_message_is_a_404() {
        HttpResponse<String> response = gateway.message("email", "never-posted");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void requests_without_a_valid_api_key_are_refused() {
        HttpResponse<String> none = new GatewayClient(port, null).sendEmail("no-key");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"error\":\"unauthorized\"");
        assertThat(new GatewayClient(port, "guessed-key").sendEmail("wrong-key").statusCode()).isEqualTo(401);
        assertThat(gateway.status("email", "no-key")).isNull();
    }

    @Test
    void an_unknown_business_unit_is_refused_and_nothing_is_stored() {
        HttpResponse<String> response = gateway.post("/api/v1/email/messages/bu-unknown",
                GatewayClient.emailBody("c", "a@example.com"), "X-MCE-Business-Unit", "no-such-unit");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown_business_unit").contains("no-such-unit");
        assertThat(gateway.status("email", "bu-unknown")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON            | email | {"definitionKey":                                                         | (none)
            not an object             | email | [1,2]                                                                     | (none)
            missing definitionKey     | email | {"recipient":{"contactKey":"c","to":"a@example.com"}}                    | definitionKey
            definitionKey not a string| email | {"definitionKey":5,"recipient":{"contactKey":"c","to":"a@example.com"}}  | definitionKey
            missing recipient         | email | {"definitionKey":"d"}                                                     | recipient
            missing contactKey        | email | {"definitionKey":"d","recipient":{"to":"a@example.com"}}                 | recipient.contactKey
            missing to                | email | {"definitionKey":"d","recipient":{"contactKey":"c"}}                     | recipient.to
            bad email address         | email | {"definitionKey":"d","recipient":{"contactKey":"c","to":"not-an-address"}} | recipient.to
            bad phone number          | sms   | {"definitionKey":"d","recipient":{"contactKey":"c","to":"555-CALL-NOW"}}   | recipient.to
            recipient and recipients  | email | {"definitionKey":"d","recipient":{"contactKey":"c","to":"a@example.com"},"recipients":[]} | recipients
            attributes not an object  | email | {"definitionKey":"d","recipient":{"contactKey":"c","to":"a@example.com","attributes":[1]}} | recipient.attributes
            unknown field             | email | {"definitionKey":"d","recipient":{"contactKey":"c","to":"a@example.com"},"subject":"x"} | subject
            definitionKey over 200    | email | {"definitionKey":"DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD1","recipient":{"contactKey":"c","to":"a@example.com"}} | definitionKey
            definitionKey with NUL    | email | {"definitionKey":"a\\u0000b","recipient":{"contactKey":"c","to":"a@example.com"}} | definitionKey
            """)
    void bad_single_sends_get_a_400_naming_the_field_and_nothing_is_stored(String problem, String channel,
            String body, String field) {
        String key = "bad-" + problem.replace(' ', '-');

        HttpResponse<String> response = gateway.post("/api/v1/" + channel + "/messages/" + key, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"invalid_request\"");
        if (!field.equals("(none)")) {
            assertThat(response.body()).contains("\"field\":\"" + field + "\"");
        }
        assertThat(gateway.status(channel, key)).isNull();
    }

    @Test
    void a_request_with_both_recipient_and_recipients_is_refused_saying_so() {
        String both = """
                {"definitionKey":"d","recipient":{"contactKey":"c","to":"a@example.com"},
                 "recipients":[{"contactKey":"c2","to":"b@example.com","messageKey":"both-batch-1"}]}""";

        HttpResponse<String> single = gateway.sendEmail("both-single", both);
        HttpResponse<String> batch = gateway.sendEmailBatch(both);

        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(single.body()).contains("\"field\":\"recipients\"").contains("both recipient and recipients")
                .contains("POST /api/v1/email/messages");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(batch.body()).contains("\"field\":\"recipient\"").contains("both recipient and recipients")
                .contains("POST /api/v1/email/messages/{messageKey}");
        assertThat(gateway.status("email", "both-single")).isNull();
        assertThat(gateway.status("email", "both-batch-1")).isNull();
    }

    @Test
    void recipients_sent_to_the_single_send_endpoint_point_to_the_batch_endpoint() {
        HttpResponse<String> response = gateway.sendEmail("only-recipients", """
                {"definitionKey":"d","recipients":[{"contactKey":"c","to":"a@example.com"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"recipients\"").contains("batch endpoint");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            path%20key       | path key
            %C3%A9t%C3%A9    | \u00e9t\u00e9
            path+plus        | path+plus
            path%2Fslash     | path/slash
            path%2520twice   | path%20twice
            """)
    void a_message_key_in_the_path_is_the_percent_decoded_segment(String inPath, String key) {
        HttpResponse<String> accepted = gateway.sendEmail(inPath);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"messageKey\":\"" + key + "\"");
        assertThat(gateway.message("email", inPath).body()).contains("\"messageKey\":\"" + key + "\"");
        HttpResponse<String> sameKeyInABatch = gateway.sendEmailBatch("""
                {"definitionKey":"d","recipients":[{"contactKey":"c","to":"a@example.com","messageKey":"%s"}]}"""
                .formatted(key));
        assertThat(sameKeyInABatch.body()).as("the key in a body names the same message").contains("\"duplicate\":true");
        assertThat(gateway.postAs("/api/v1/email/messages/" + inPath + "/replay", null, null).body())
                .as("replay finds it too").contains("\"error\":\"conflict\"");
    }

    @Test
    void a_message_key_that_is_not_percent_encoded_utf_8_is_refused() {
        HttpResponse<String> response = gateway.sendEmail("bad%C3");

        // Tomcat refuses it before the gateway sees it (Camel JBang: the gateway's 400, see PathSegmentTest).
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(gateway.status("email", "bad%C3")).isNull();
    }

    @Test
    void a_message_key_over_100_characters_is_refused() {
        HttpResponse<String> response = gateway.sendEmail("k".repeat(101));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"messageKey\"");
    }

    @Test
    void a_definition_key_of_200_characters_is_accepted() {
        HttpResponse<String> response = gateway.sendEmail("definition-200", """
                {"definitionKey":"%s","recipient":{"contactKey":"c","to":"a@example.com"}}"""
                .formatted("d".repeat(200)));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void a_batch_message_key_with_a_control_character_is_refused_and_nothing_is_stored() {
        HttpResponse<String> response = gateway.sendEmailBatch("""
                {"definitionKey":"d","recipients":[
                  {"contactKey":"c1","to":"a@example.com","messageKey":"control-ok"},
                  {"contactKey":"c2","to":"b@example.com","messageKey":"control\\u0000nul"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"recipients[1].messageKey\"")
                .contains("control characters");
        assertThat(gateway.status("email", "control-ok")).isNull();
    }

    @Test
    void a_batch_with_a_duplicate_key_is_refused_whole() {
        HttpResponse<String> response = gateway.sendEmailBatch("""
                {"definitionKey":"d","recipients":[
                  {"contactKey":"c1","to":"a@example.com","messageKey":"twice"},
                  {"contactKey":"c2","to":"b@example.com","messageKey":"first-only"},
                  {"contactKey":"c3","to":"c@example.com","messageKey":"twice"}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"recipients[2].messageKey\"");
        assertThat(gateway.status("email", "first-only")).isNull();
    }

    @Test
    void an_oversized_body_is_refused_with_413() {
        String big = "x".repeat(300_000);
        HttpResponse<String> response = gateway.sendEmail("too-big", "{\"definitionKey\":\"d\",\"recipient\":"
                + "{\"contactKey\":\"c\",\"to\":\"a@example.com\",\"attributes\":{\"Note\":\"" + big + "\"}}}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).startsWith("{\"error\":\"payload_too_large\"").contains("262144 bytes");
        assertThat(gateway.status("email", "too-big")).isNull();
    }

    @Test
    void a_body_declared_larger_than_the_limit_is_refused_before_it_is_sent() throws Exception {
        try (RawHttp http = RawHttp.connect(port)) {
            // 100 MB announced, 17 bytes sent: only a gateway that does not wait for the body can answer.
            http.head("POST /api/v1/email/messages/declared-too-big HTTP/1.1", "Authorization: Bearer "
                    + GatewayClient.DEV_KEY, "Content-Type: application/json", "Content-Length: 100000000")
                    .write("{\"definitionKey\":");

            RawHttp.Response response = http.response(Duration.ofSeconds(10));

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).startsWith("{\"error\":\"payload_too_large\"");
        }
        assertThat(gateway.status("email", "declared-too-big")).isNull();
    }

    @Test
    void a_chunked_body_is_read_only_up_to_the_limit() throws Exception {
        try (RawHttp http = RawHttp.connect(port)) {
            http.head("POST /api/v1/email/messages/chunked-too-big HTTP/1.1", "Authorization: Bearer "
                    + GatewayClient.DEV_KEY, "Content-Type: application/json", "Transfer-Encoding: chunked")
                    .chunk("{\"definitionKey\":\"");
            // 320 KB of a body that never ends (the limit is 256 KB): an answer shows the gateway stopped reading.
            for (int i = 0; i < 20; i++) {
                http.chunk("x".repeat(16 * 1024));
            }

            RawHttp.Response response = http.response(Duration.ofSeconds(10));

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).startsWith("{\"error\":\"payload_too_large\"");
        }
        assertThat(gateway.status("email", "chunked-too-big")).isNull();
    }

    @Test
    void a_batch_that_fails_to_store_its_third_recipient_stores_none_and_a_retry_stores_each_once() {
        // A failure only the database can raise, at the third of four recipients (after two were inserted).
        new JdbcTemplate(dataSource).execute("ALTER TABLE gateway_message ADD CONSTRAINT IF NOT EXISTS "
                + "test_refuses_poison CHECK (message_key <> 'atomic-poison')");
        String batch = """
                {"definitionKey":"atomic-batch","recipients":[
                  {"contactKey":"c1","to":"a@example.com","messageKey":"atomic-1"},
                  {"contactKey":"c2","to":"b@example.com"},
                  {"contactKey":"c3","to":"c@example.com","messageKey":"%s"},
                  {"contactKey":"c4","to":"d@example.com","messageKey":"atomic-4"}]}""";

        HttpResponse<String> failed = gateway.sendEmailBatch(batch.formatted("atomic-poison"));

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("\"error\":\"internal_error\"");
        assertThat(storedWithDefinition("atomic-batch")).as("recipients stored by the failed batch").isZero();

        HttpResponse<String> retried = gateway.sendEmailBatch(batch.formatted("atomic-3"));

        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(retried.body()).doesNotContain("duplicate");
        assertThat(storedWithDefinition("atomic-batch")).as("one row per recipient after the retry").isEqualTo(4);
    }

    private int storedWithDefinition(String definitionKey) {
        return new JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM gateway_message WHERE definition_key = ?", Integer.class, definitionKey);
    }

    @Test
    void a_batch_over_the_recipient_limit_names_the_limit() {
        String recipients = IntStream.range(0, 2001)
                .mapToObj(i -> "{\"contactKey\":\"c\",\"to\":\"u@x.io\",\"messageKey\":\"big-" + i + "\"}")
                .collect(Collectors.joining(","));
        HttpResponse<String> response = gateway.sendEmailBatch("{\"definitionKey\":\"d\",\"recipients\":[" + recipients + "]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"recipients\"").contains("2000");
        assertThat(gateway.status("email", "big-0")).isNull();
    }
}
