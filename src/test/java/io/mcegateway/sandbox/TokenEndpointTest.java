package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    private MceSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = MceSandbox.start(SandboxSettings.defaults());
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void issues_a_bearer_token_with_the_fields_in_mce_order() {
        HttpResponse<String> response = client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                SandboxSettings.DEFAULT_CLIENT_SECRET, "12345");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = json(response);
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("access_token", "token_type", "expires_in", "scope",
                "soap_instance_url", "rest_instance_url");
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("access_token").asText()).hasSizeLessThanOrEqualTo(512).matches("[A-Za-z0-9_-]+");
        assertThat(body.get("rest_instance_url").asText()).isEqualTo(sandbox.baseUrl() + "/");
        assertThat(body.get("soap_instance_url").asText()).startsWith("http://").endsWith("/");
    }

    @Test
    void expires_in_is_at_most_1080_and_not_a_constant() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            int expiresIn = json(client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                    SandboxSettings.DEFAULT_CLIENT_SECRET, null)).get("expires_in").asInt();
            assertThat(expiresIn).isBetween(1078, 1080);
            seen.add(expiresIn);
        }
        assertThat(seen).as("a client must not be able to rely on one value").hasSizeGreaterThan(1);
    }

    @Test
    void expires_in_is_nine_tenths_of_a_lifetime_shorter_than_the_margin_less_up_to_a_second() {
        sandbox.updateSettings(s -> s.withTokenLifetime(Duration.ofSeconds(3)));

        JsonNode body = json(client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                SandboxSettings.DEFAULT_CLIENT_SECRET, null));

        assertThat(body.get("expires_in").asInt()).isBetween(1, 2);
    }

    @Test
    void expires_in_of_a_token_of_a_few_seconds_is_not_a_constant_either_and_is_in_the_ledger() {
        sandbox.updateSettings(s -> s.withTokenLifetime(Duration.ofSeconds(3)).withExpiresInMargin(Duration.ZERO));

        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            int expiresIn = json(client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                    SandboxSettings.DEFAULT_CLIENT_SECRET, null)).get("expires_in").asInt();
            assertThat(expiresIn).isBetween(2, 3);
            seen.add(expiresIn);
            assertThat(sandbox.ledger().tokenRequests().get(i).expiresIn()).isEqualTo(expiresIn);
        }
        assertThat(seen).as("a client must not be able to rely on one value").hasSizeGreaterThan(1);
    }

    @Test
    void echoes_requested_scopes_and_grants_the_default_set_otherwise() {
        JsonNode echoed = json(client.requestToken("{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + SandboxSettings.DEFAULT_CLIENT_ID + "\",\"client_secret\":\"" + SandboxSettings.DEFAULT_CLIENT_SECRET
                + "\",\"scope\":\"email_send\"}"));
        JsonNode defaulted = json(client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                SandboxSettings.DEFAULT_CLIENT_SECRET, null));

        assertThat(echoed.get("scope").asText()).isEqualTo("email_send");
        assertThat(defaulted.get("scope").asText()).contains("email_send", "sms_send", "email_read");
    }

    @Test
    void accepts_account_id_as_a_number() {
        HttpResponse<String> response = client.requestToken("{\"grant_type\":\"client_credentials\",\"client_id\":\""
                + SandboxSettings.DEFAULT_CLIENT_ID + "\",\"client_secret\":\"" + SandboxSettings.DEFAULT_CLIENT_SECRET
                + "\",\"account_id\":12345}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.ledger().tokenRequests()).singleElement()
                .satisfies(request -> assertThat(request.accountId()).isEqualTo("12345"));
    }

    @Test
    void returns_401_invalid_client_for_a_wrong_secret() {
        HttpResponse<String> response = client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID, "wrong", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json(response)).isEqualTo(parse("{\"error\":\"invalid_client\",\"error_description\":"
                + "\"Client authentication failed. Make sure that the client ID and client secret are valid and that"
                + " the package is installed and enabled.\",\"error_uri\":\"https://developer.salesforce.com/docs\"}"));
    }

    @Test
    void returns_401_invalid_client_for_an_unknown_client_id() {
        HttpResponse<String> response = client.requestToken("someone-else", SandboxSettings.DEFAULT_CLIENT_SECRET, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void returns_400_unsupported_grant_type_for_another_grant() {
        HttpResponse<String> response = client.requestToken("{\"grant_type\":\"password\",\"client_id\":\""
                + SandboxSettings.DEFAULT_CLIENT_ID + "\",\"client_secret\":\"" + SandboxSettings.DEFAULT_CLIENT_SECRET + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(parse("{\"error\":\"unsupported_grant_type\",\"error_description\":"
                + "\"Use \\\"authorization_code\\\" or \\\"refresh_token\\\" or \\\"client_credentials\\\" or"
                + " \\\"urn:ietf:params:oauth:grant-type:jwt-bearer\\\" as the grant_type.\","
                + "\"error_uri\":\"https://developer.salesforce.com/docs\"}"));
    }

    @Test
    void returns_400_with_an_oauth_error_for_a_malformed_body() {
        HttpResponse<String> response = client.requestToken("{\"grant_type\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_request");
        assertThat(json(response).has("error_description")).isTrue();
    }

    @Test
    void records_each_token_request_with_its_outcome_and_never_the_secret() {
        client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID, SandboxSettings.DEFAULT_CLIENT_SECRET, "1");
        client.requestToken(SandboxSettings.DEFAULT_CLIENT_ID, "wrong", null);
        client.requestToken("{\"grant_type\":\"refresh_token\"}");

        assertThat(sandbox.ledger().tokenRequestCount()).isEqualTo(3);
        assertThat(sandbox.ledger().tokenRequests()).extracting(TokenRequest::outcome)
                .containsExactly("issued", "invalid_client", "unsupported_grant_type");
        assertThat(sandbox.ledger().tokenRequests().get(0).clientId()).isEqualTo(SandboxSettings.DEFAULT_CLIENT_ID);
        assertThat(sandbox.ledger().tokenRequests().toString()).doesNotContain(SandboxSettings.DEFAULT_CLIENT_SECRET);
        assertThat(sandbox.ledger().requests(RouteIds.TOKEN)).extracting(RouteRequest::status)
                .containsExactly(200, 401, 400);
    }

    private static JsonNode parse(String text) {
        try {
            return SandboxClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
