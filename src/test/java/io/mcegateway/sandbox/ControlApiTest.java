package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static io.mcegateway.sandbox.SandboxClient.singleSend;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlApiTest {

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
    void serves_the_full_ledger_without_secrets_or_tokens() {
        client.postJson("/messaging/v1/email/messages/k1", singleSend("def", "c1", "a@example.com"), token);
        client.postJson("/messaging/v1/email/messages/k1", singleSend("def", "c1", "a@example.com"), token);

        HttpResponse<String> response = client.control("GET", "/sandbox/ledger", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode ledger = json(response);
        assertThat(ledger.get("tokenRequests").get(0).get("outcome").asText()).isEqualTo("issued");
        assertThat(ledger.get("requests")).hasSize(3);
        assertThat(ledger.get("requests").get(1).get("routeId").asText()).isEqualTo("email-send");
        assertThat(ledger.get("requests").get(1).get("processed").asBoolean()).isTrue();
        assertThat(ledger.get("accepted").get("email").get(0).get("messageKey").asText()).isEqualTo("k1");
        assertThat(ledger.get("accepted").get("email").get(0).get("acceptances").asInt()).isEqualTo(1);
        assertThat(ledger.get("duplicateRejections").get("email").asInt()).isEqualTo(1);
        assertThat(response.body()).doesNotContain(SandboxSettings.DEFAULT_CLIENT_SECRET).doesNotContain(token);
    }

    @Test
    void summarises_counts_and_keys_accepted_more_than_once() {
        sandbox.updateSettings(s -> s.withDuplicateKeyWindow(Duration.ZERO));
        client.postJson("/messaging/v1/sms/messages/twice", singleSend("def", "c1", "15555551234"), token);
        client.postJson("/messaging/v1/sms/messages/twice", singleSend("def", "c1", "15555551234"), token);
        client.postJson("/messaging/v1/email/messages/", BatchSendTest.batchOf(3), token);

        JsonNode summary = json(client.control("GET", "/sandbox/ledger/summary", null));

        assertThat(summary.toString()).isEqualTo("{\"tokenRequests\":1,"
                + "\"requests\":{\"email-batch\":1,\"sms-send\":2,\"token\":1},"
                + "\"acceptedMessages\":{\"email\":3,\"sms\":1},"
                + "\"acceptedMoreThanOnce\":{\"email\":{},\"sms\":{\"twice\":2}},"
                + "\"duplicateRejections\":{\"email\":0,\"sms\":0}}");
    }

    @Test
    void installs_a_fault_sequence_and_shows_what_is_left_of_it() {
        HttpResponse<String> installed = client.control("POST", "/sandbox/faults", "{\"route\":\"email-send\",\"sequence\":["
                + "{\"type\":\"http\",\"status\":500},{\"type\":\"rate-limit\",\"retryAfterSeconds\":1},{\"type\":\"none\"}]}");

        assertThat(installed.statusCode()).isEqualTo(200);
        assertThat(client.postJson("/messaging/v1/email/messages/k1", singleSend("def", "c", "a@example.com"), token)
                .statusCode()).isEqualTo(500);
        assertThat(json(client.control("GET", "/sandbox/faults", null)).toString()).isEqualTo("{\"email-send\":{\"remaining\":["
                + "{\"type\":\"rate-limit\",\"retryAfterSeconds\":1},{\"type\":\"none\"}]}}");
        HttpResponse<String> limited = client.postJson("/messaging/v1/email/messages/k1",
                singleSend("def", "c", "a@example.com"), token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void installs_every_fault_type_by_name() {
        String[] faults = {"{\"type\":\"http\",\"status\":503,\"retryAfterSeconds\":4}", "{\"type\":\"rate-limit\"}",
                "{\"type\":\"latency\",\"millis\":10}", "{\"type\":\"late-response\",\"millis\":10}",
                "{\"type\":\"response-lost\"}", "{\"type\":\"html-proxy-error\"}", "{\"type\":\"unauthorized\"}",
                "{\"type\":\"connection-reset\"}", "{\"type\":\"none\"}"};

        HttpResponse<String> response = client.control("POST", "/sandbox/faults",
                "{\"route\":\"sms-batch\",\"sequence\":[" + String.join(",", faults) + "]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("sms-batch").get("remaining").toString()).isEqualTo("[" + String.join(",", faults) + "]");
    }

    @Test
    void installs_a_seeded_rate_for_all_routes() {
        HttpResponse<String> response = client.control("POST", "/sandbox/faults",
                "{\"route\":\"*\",\"rate\":1.0,\"fault\":{\"type\":\"http\",\"status\":503},\"seed\":42}");

        assertThat(json(response).toString()).isEqualTo("{\"*\":{\"rate\":1.0,\"fault\":{\"type\":\"http\",\"status\":503,"
                + "\"retryAfterSeconds\":1},\"seed\":42}}");
        assertThat(client.get("/messaging/v1/sms/messages/x", token).statusCode()).isEqualTo(503);
        assertThat(client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID, SandboxSettings.DEFAULT_CLIENT_SECRET, null)
                .statusCode()).isEqualTo(503);
    }

    @Test
    void removes_one_routes_faults_or_all() {
        client.control("POST", "/sandbox/faults", "{\"route\":\"token\",\"rate\":1,\"fault\":{\"type\":\"unauthorized\"}}");
        client.control("POST", "/sandbox/faults", "{\"route\":\"sms-send\",\"rate\":1,\"fault\":{\"type\":\"unauthorized\"}}");

        assertThat(json(client.control("DELETE", "/sandbox/faults?route=token", null)).has("sms-send")).isTrue();
        assertThat(json(client.control("DELETE", "/sandbox/faults", null)).toString()).isEqualTo("{}");
        assertThat(sandbox.faults().next(RouteIds.SMS_SEND)).isEqualTo(Fault.none());
    }

    @Test
    void rejects_an_unknown_route_with_400_and_a_clear_message() {
        HttpResponse<String> response = client.control("POST", "/sandbox/faults",
                "{\"route\":\"email-sned\",\"sequence\":[{\"type\":\"none\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("email-sned").contains("email-send");
    }

    @Test
    void rejects_bad_fault_bodies_with_400() {
        assertThat(client.control("POST", "/sandbox/faults", "{not json").statusCode()).isEqualTo(400);
        assertThat(client.control("POST", "/sandbox/faults", "{\"route\":\"token\",\"sequence\":[{\"type\":\"teapot\"}]}")
                .statusCode()).isEqualTo(400);
        assertThat(client.control("POST", "/sandbox/faults", "{\"route\":\"token\",\"sequence\":[{\"type\":\"http\"}]}")
                .statusCode()).isEqualTo(400);
        assertThat(client.control("POST", "/sandbox/faults", "{\"route\":\"token\",\"rate\":0.5}").statusCode())
                .isEqualTo(400);
        assertThat(json(client.control("GET", "/sandbox/faults", null)).toString()).isEqualTo("{}");
    }

    @Test
    void reset_clears_ledger_faults_tokens_and_messages() {
        client.postJson("/messaging/v1/email/messages/k1", singleSend("def", "c1", "a@example.com"), token);
        sandbox.faults().rate(RouteIds.SMS_SEND, 1.0, Fault.httpError(500));

        HttpResponse<String> response = client.control("POST", "/sandbox/reset", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.ledger().tokenRequestCount()).isZero();
        assertThat(sandbox.ledger().requests()).isEmpty();
        assertThat(sandbox.ledger().acceptedCounts("email")).isEmpty();
        assertThat(json(client.control("GET", "/sandbox/faults", null)).toString()).isEqualTo("{}");
        assertThat(client.get("/messaging/v1/email/messages/k1", token).statusCode()).as("token forgotten").isEqualTo(401);
        String fresh = client.token();
        assertThat(client.get("/messaging/v1/email/messages/k1", fresh).statusCode()).as("message forgotten").isEqualTo(404);
    }

    @Test
    void shows_settings_with_client_ids_but_no_secrets() {
        HttpResponse<String> response = client.control("GET", "/sandbox/settings", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).toString()).isEqualTo("{\"port\":" + sandbox.port() + ",\"clientIds\":[\"sandbox-client-id\"],"
                + "\"tokenLifetimeSeconds\":1200,\"expiresInMarginSeconds\":120,\"duplicateKeyWindowSeconds\":172800,"
                + "\"statusDelayMillis\":2000,\"notSentRatio\":0.0,\"maxRecipients\":2000}");
    }

    @Test
    void patches_settings_at_run_time() {
        HttpResponse<String> response = client.control("PATCH", "/sandbox/settings", "{\"tokenLifetimeSeconds\":60,"
                + "\"statusDelayMillis\":50,\"notSentRatio\":0.25,\"duplicateKeyWindowSeconds\":10}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("statusDelayMillis").asInt()).isEqualTo(50);
        SandboxSettings settings = sandbox.settings();
        assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.statusDelay()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.notSentRatio()).isEqualTo(0.25);
        assertThat(settings.duplicateKeyWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.port()).isEqualTo(sandbox.port());
    }

    @Test
    void refuses_a_patch_with_an_unknown_or_invalid_field_and_changes_nothing() {
        HttpResponse<String> unknown = client.control("PATCH", "/sandbox/settings", "{\"statusDelayMillis\":5,\"port\":1}");
        HttpResponse<String> invalid = client.control("PATCH", "/sandbox/settings", "{\"notSentRatio\":2}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").asText()).contains("port");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(sandbox.settings()).isEqualTo(SandboxSettings.defaults().withPort(sandbox.port()));
    }

    @Test
    void answers_404_for_unknown_control_paths_and_405_for_wrong_methods() {
        assertThat(client.control("GET", "/sandbox/nothing", null).statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = client.control("DELETE", "/sandbox/ledger", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void does_not_record_control_requests_or_apply_faults_to_them() {
        sandbox.faults().rate(RouteIds.ALL, 1.0, Fault.connectionReset());

        assertThat(client.control("GET", "/sandbox/ledger/summary", null).statusCode()).isEqualTo(200);
        assertThat(sandbox.ledger().requests()).extracting(RouteRequest::routeId).containsExactly(RouteIds.TOKEN);
    }
}
