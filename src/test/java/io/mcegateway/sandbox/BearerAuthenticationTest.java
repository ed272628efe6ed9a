package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BearerAuthenticationTest {

    private static final String NOT_AUTHORIZED = "{\"message\":\"Not Authorized\",\"errorcode\":0,\"documentation\":"
            + "\"https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm\"}";

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
    void returns_401_not_authorized_without_an_authorization_header() {
        HttpResponse<String> response = client.postJson("/messaging/v1/email/messages/k1",
                SandboxClient.singleSend("def", "c1", "a@example.com"), null);

        assertNotAuthorized(response);
        assertThat(sandbox.ledger().acceptedCount("email", "k1")).isZero();
    }

    @Test
    void returns_401_not_authorized_for_an_unknown_token() {
        assertNotAuthorized(client.get("/messaging/v1/sms/messages/k1", "not-a-token"));
    }

    @Test
    void returns_401_not_authorized_for_a_basic_authorization_header() throws Exception {
        String token = client.token();
        HttpResponse<String> response = client.sendRaw(client.request("/messaging/v1/email/messages/?type=notSent", null)
                .header("Authorization", "Basic " + token).GET().build());

        assertNotAuthorized(response);
    }

    @Test
    void accepts_the_bearer_scheme_in_any_case() throws Exception {
        String token = client.token();
        HttpResponse<String> response = client.sendRaw(client.request("/messaging/v1/email/messages/?type=notSent", null)
                .header("Authorization", "bearer " + token).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void returns_401_once_the_token_lifetime_has_passed() {
        sandbox.updateSettings(s -> s.withTokenLifetime(Duration.ofSeconds(2)));
        String token = client.token();
        assertThat(client.postJson("/messaging/v1/email/messages/before-expiry",
                SandboxClient.singleSend("def", "c1", "a@example.com"), token).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertNotAuthorized(client.get("/messaging/v1/email/messages/before-expiry", token)));

        assertNotAuthorized(client.postJson("/messaging/v1/email/messages/after-expiry",
                SandboxClient.singleSend("def", "c1", "a@example.com"), token));
        assertThat(sandbox.ledger().acceptedCount("email", "after-expiry")).isZero();
    }

    private static void assertNotAuthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json(response).toString()).isEqualTo(NOT_AUTHORIZED);
    }
}
