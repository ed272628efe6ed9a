package io.mcegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.support.GatewayClient;
import java.net.http.HttpResponse;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The first path end to end: gateway API, token from the sandbox, single send accepted by the sandbox. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mce.sandbox.port=0")
class ThinSendPathTest {

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
        sandbox.faults().clear();
    }

    @Test
    void an_email_posted_to_the_gateway_is_accepted_by_mce_once() {
        HttpResponse<String> response = gateway.sendEmail("thin-path-1");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"messageKey\":\"thin-path-1\"").contains("\"requestId\"");
        assertThat(sandbox.ledger().acceptedCount("email", "thin-path-1")).isEqualTo(1);
    }

    @Test
    void a_request_without_the_api_key_is_refused_and_nothing_is_sent() {
        HttpResponse<String> response = new GatewayClient(port, null).sendEmail("no-key-1");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
        assertThat(sandbox.ledger().acceptedCount("email", "no-key-1")).isZero();
    }

    @Test
    void a_wrong_api_key_is_refused() {
        assertThat(new GatewayClient(port, "guessed-key").sendEmail("wrong-key-1").statusCode()).isEqualTo(401);
    }

    @Test
    void malformed_json_gets_a_400_and_nothing_is_sent() {
        HttpResponse<String> response = gateway.sendEmail("bad-json-1", "{\"definitionKey\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"invalid_request\"").contains("not valid JSON");
        assertThat(sandbox.ledger().requests("email-send"))
                .noneSatisfy(request -> assertThat(request.target()).contains("bad-json-1"));
    }

    @Test
    void a_missing_recipient_address_is_named_in_the_400() {
        HttpResponse<String> response = gateway.sendEmail("no-to-1",
                "{\"definitionKey\":\"d\",\"recipient\":{\"contactKey\":\"c\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"recipient.to\"");
    }

    @Test
    void a_message_key_over_100_characters_is_refused() {
        HttpResponse<String> response = gateway.sendEmail("k".repeat(101));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"messageKey\"");
    }

    @Test
    void an_unknown_business_unit_is_refused() {
        HttpResponse<String> response = gateway.post("/api/v1/email/messages/bu-1",
                GatewayClient.emailBody("c", "a@example.com"), "X-MCE-Business-Unit", "no-such-unit");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"unknown_business_unit\"").contains("no-such-unit");
        assertThat(sandbox.ledger().acceptedCount("email", "bu-1")).isZero();
    }
}
