package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.exchangelog.Classification.Source;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorClassifierTest {

    private static final String PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body>"
            + "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void a_502_with_an_html_page_from_a_proxy_is_an_intermediary_error() {
        Classification c = classifier.classify(502, Map.of("Server", "nginx/1.25.3", "Content-Type", "text/html"),
                PROXY_PAGE, null);

        assertThat(c.source()).isEqualTo(Source.INTERMEDIARY);
        assertThat(c.signature()).isEqualTo("502/-/INTERMEDIARY");
        assertThat(c.retryable()).isTrue();
        assertThat(c.reason()).contains("nginx");
    }

    @Test
    void an_html_page_is_an_intermediary_error_even_without_a_telling_header() {
        Classification c = classifier.classify(403, Map.of(), "<!DOCTYPE html><html><title>Access denied</title>",
                null);

        assertThat(c.source()).isEqualTo(Source.INTERMEDIARY);
        assertThat(c.retryable()).isFalse();
    }

    @Test
    void a_500_with_an_mce_error_body_is_an_mce_error() {
        Classification c = classifier.classify(500, Map.of("Content-Type", "application/json"),
                "{\"message\":\"An error occurred\",\"errorcode\":0,\"documentation\":\"\"}", null);

        assertThat(c.source()).isEqualTo(Source.MCE);
        assertThat(c.signature()).isEqualTo("500/0/MCE");
        assertThat(c.retryable()).isTrue();
    }

    @Test
    void an_mce_error_body_wins_over_a_cdn_server_header() {
        Classification c = classifier.classify(503, Map.of("Server", "AkamaiGHost"),
                "{\"message\":\"Service Unavailable\",\"errorcode\":50300}", null);

        assertThat(c.signature()).isEqualTo("503/50300/MCE");
    }

    @Test
    void a_429_with_errorcode_50100_is_an_mce_error_worth_retrying() {
        Classification c = classifier.classify(429, Map.of("Retry-After", "5"),
                "{\"message\":\"Rate limit exceeded\",\"errorcode\":50100,\"retryAfter\":5,\"documentation\":\"\"}",
                null);

        assertThat(c).isEqualTo(new Classification(Source.MCE, true, "429/50100/MCE", "MCE error body"));
    }

    @Test
    void an_oauth_error_from_the_token_endpoint_is_an_mce_error_named_by_its_error() {
        Classification c = classifier.classify(401, Map.of(), "{\"error\":\"invalid_client\",\"error_description\":"
                + "\"Client authentication failed.\",\"error_uri\":\"https://developer.salesforce.com/docs\"}", null);

        assertThat(c.signature()).isEqualTo("401/invalid_client/MCE");
        assertThat(c.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void client_errors_are_not_retryable(int status) {
        Classification c = classifier.classify(status, Map.of(),
                "{\"message\":\"Bad\",\"errorcode\":10000,\"documentation\":\"\"}", null);

        assertThat(c.source()).isEqualTo(Source.MCE);
        assertThat(c.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void a_gateway_status_without_any_body_is_an_intermediary_error(int status) {
        Classification c = classifier.classify(status, Map.of(), "", null);

        assertThat(c.signature()).isEqualTo(status + "/-/INTERMEDIARY");
        assertThat(c.retryable()).isTrue();
    }

    @Test
    void json_that_is_not_in_mce_error_shape_is_an_intermediary_error() {
        Classification c = classifier.classify(504, Map.of(), "{\"message\":\"Endpoint request timed out\"}", null);
        Classification springGateway = classifier.classify(502, Map.of(),
                "{\"timestamp\":\"2026-12-03T18:40:12Z\",\"status\":502,\"error\":\"Bad Gateway\",\"path\":\"/x\"}",
                null);

        assertThat(c.source()).isEqualTo(Source.INTERMEDIARY);
        assertThat(springGateway.source()).isEqualTo(Source.INTERMEDIARY);
    }

    @Test
    void a_via_header_naming_a_proxy_marks_an_intermediary_even_for_an_empty_500() {
        assertThat(classifier.classify(500, Map.of("Via", List.of("1.1 squid-proxy.corp (squid/4.10)")), null, null)
                .source()).isEqualTo(Source.INTERMEDIARY);
        assertThat(classifier.classify(500, Map.of("Server", "BigIP"), null, null).source())
                .isEqualTo(Source.INTERMEDIARY);
        assertThat(classifier.classify(500, Map.of("x-squid-error", "ERR_READ_TIMEOUT 0"), null, null).source())
                .isEqualTo(Source.INTERMEDIARY);
    }

    @Test
    void an_empty_error_with_no_sign_of_an_intermediary_is_taken_as_mce() {
        Classification c = classifier.classify(500, Map.of(), null, null);

        assertThat(c.signature()).isEqualTo("500/-/MCE");
    }

    @Test
    void a_read_timeout_is_a_client_side_timeout_however_deeply_wrapped() {
        Classification c = classifier.classify(null, null, null,
                new RuntimeCamelException(new IOException("wrapped", new SocketTimeoutException("Read timed out"))));

        assertThat(c.source()).isEqualTo(Source.CLIENT_TIMEOUT);
        assertThat(c.signature()).isEqualTo("-/-/CLIENT_TIMEOUT");
        assertThat(c.retryable()).isTrue();
        assertThat(c.reason()).contains("MCE may still have processed");
    }

    @Test
    void a_camel_exchange_timeout_is_a_client_side_timeout() {
        assertThat(classifier.classify(null, null, null,
                new org.apache.camel.ExchangeTimedOutException(null, 60_000)).source())
                .isEqualTo(Source.CLIENT_TIMEOUT);
    }

    @Test
    void a_refused_connection_is_a_network_error() {
        Classification c = classifier.classify(null, null, null, new ConnectException("Connection refused"));

        assertThat(c.signature()).isEqualTo("-/-/NETWORK");
        assertThat(c.retryable()).isTrue();
    }

    @Test
    void a_connect_timeout_is_a_network_error_since_the_request_never_left() {
        assertThat(classifier.classify(null, null, null, new ConnectTimeoutException("Connect timed out")).source())
                .isEqualTo(Source.NETWORK);
        assertThat(classifier.classify(null, null, null, new SocketTimeoutException("Connect timed out")).source())
                .isEqualTo(Source.NETWORK);
    }

    @Test
    void no_response_resets_and_dns_failures_are_network_errors() {
        assertThat(classifier.classify(null, null, null, new NoHttpResponseException("mce failed to respond"))
                .source()).isEqualTo(Source.NETWORK);
        assertThat(classifier.classify(null, null, null, new SocketException("Connection reset")).source())
                .isEqualTo(Source.NETWORK);
        assertThat(classifier.classify(null, null, null, new UnknownHostException("mcfake.example")).source())
                .isEqualTo(Source.NETWORK);
    }

    @Test
    void a_failure_inside_the_gateway_has_no_remote_source_and_is_not_retried() {
        Classification c = classifier.classify(null, null, null, new IllegalStateException("bug"));

        assertThat(c.signature()).isEqualTo("-/-/NONE");
        assertThat(c.retryable()).isFalse();
    }

    @Test
    void an_unusual_errorcode_cannot_inject_text_into_the_signature() {
        Classification c = classifier.classify(400, Map.of(),
                "{\"errorcode\":\"jane@example.com said hi\",\"message\":\"x\"}", null);

        assertThat(c.signature()).isEqualTo("400/?/MCE");
    }

    @Test
    void a_truncated_mce_error_body_still_counts_when_the_errorcode_arrived() {
        assertThat(classifier.classify(500, Map.of(), "{\"errorcode\":0,\"message\":\"An err", null).signature())
                .isEqualTo("500/0/MCE");
    }
}
