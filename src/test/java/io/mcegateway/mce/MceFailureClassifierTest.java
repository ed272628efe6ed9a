package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.exchangelog.MaskingRules;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/** What each failure of an MCE call means for the message: safe to resend, refused, or outcome unknown. */
class MceFailureClassifierTest {

    private static final String URL = "https://mce.example/messaging/v1/email/messages/";
    private static final Masker MASKER = new Masker(MaskingRules.defaults("test-only-hash-key-classifier"));
    private final MceFailureClassifier classifier = new MceFailureClassifier(new ObjectMapper(),
            Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void an_mce_500_is_retryable_and_keeps_mces_errorcode() {
        MceCallException typed = classifier.classify(http(500, Map.of(),
                "{\"message\":\"Internal Server Error\",\"errorcode\":0}"), MASKER);

        assertThat(typed).isInstanceOf(MceCallException.Retryable.class);
        assertThat(typed.source()).isEqualTo("MCE");
        assertThat(typed.errorCode()).isEqualTo("0");
    }

    @Test
    void a_429_is_retryable_after_the_retry_after_mce_names() {
        MceCallException typed = classifier.classify(http(429, Map.of("Retry-After", "7"),
                "{\"message\":\"Too many requests\",\"errorcode\":50100}"), MASKER);

        assertThat(((MceCallException.Retryable) typed).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void a_502_html_page_is_an_unknown_outcome_from_an_intermediary() {
        MceCallException typed = classifier.classify(http(502, Map.of(),
                "<html><head><title>502 Bad Gateway</title></head></html>"), MASKER);

        assertThat(typed).isInstanceOf(MceCallException.OutcomeUnknown.class);
        assertThat(typed.source()).isEqualTo("INTERMEDIARY");
    }

    @Test
    void an_mce_400_is_refused_by_mce() {
        MceCallException typed = classifier.classify(http(400, Map.of(),
                "{\"message\":\"Bad Request\",\"errorcode\":30000}"), MASKER);

        assertThat(typed).isInstanceOf(MceCallException.Rejected.class);
        assertThat(((MceCallException.Rejected) typed).byMce()).isTrue();
        assertThat(typed.getMessage()).isEqualTo("MCE answered HTTP 400 errorcode 30000: Bad Request");
    }

    @Test
    void a_404_page_from_a_proxy_is_refused_but_not_by_mce() {
        MceCallException typed = classifier.classify(http(404, Map.of(), "<html><body>Not Found</body></html>"),
                MASKER);

        assertThat(typed).isInstanceOf(MceCallException.Rejected.class);
        assertThat(((MceCallException.Rejected) typed).byMce()).isFalse();
        assertThat(typed.source()).isEqualTo("INTERMEDIARY");
        assertThat(typed.getMessage()).isEqualTo("HTTP 404 without an MCE error body");
    }

    @Test
    void mces_message_about_a_recipient_keeps_its_words_but_not_the_recipients_name() {
        Masker forRequest = MASKER.forRequest("{\"recipient\":{\"contactKey\":\"ck-ada-5521\","
                + "\"to\":\"ada@example.org\",\"attributes\":{\"FirstName\":\"Adalinde\"}}}", "application/json", null);

        MceCallException typed = classifier.classify(http(400, Map.of(), "{\"message\":\"Invalid attribute value "
                + "'ADALINDE' for FirstName of ck-ada-5521\",\"errorcode\":30000}"), forRequest);

        assertThat(typed.getMessage()).isEqualTo("MCE answered HTTP 400 errorcode 30000: "
                + forRequest.maskText("Invalid attribute value 'ADALINDE' for FirstName of ck-ada-5521"))
                .startsWith("MCE answered HTTP 400 errorcode 30000: Invalid attribute value 'hash:")
                .doesNotContainIgnoringCase("Adalinde").doesNotContain("ck-ada-5521");
    }

    @Test
    void without_a_masker_mces_message_is_left_out_rather_than_kept_unmasked() {
        MceCallException typed = classifier.classify(http(400, Map.of(),
                "{\"message\":\"Invalid attribute value 'Adalinde' for FirstName\",\"errorcode\":30000}"), null);

        assertThat(typed.getMessage()).isEqualTo("MCE answered HTTP 400 errorcode 30000");
    }

    @Test
    void a_refused_connection_is_retryable_because_nothing_was_sent() {
        MceCallException typed = classifier.classify(new ConnectException("Connection refused"), MASKER);

        assertThat(typed).isInstanceOf(MceCallException.Retryable.class);
        assertThat(typed.source()).isEqualTo("NETWORK");
    }

    @Test
    void a_read_timeout_is_an_unknown_outcome_of_the_client() {
        MceCallException typed = classifier.classify(new SocketTimeoutException("Read timed out"), MASKER);

        assertThat(typed).isInstanceOf(MceCallException.OutcomeUnknown.class);
        assertThat(typed.source()).isEqualTo("CLIENT_TIMEOUT");
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers, String body) {
        return new HttpOperationFailedException(URL, status, "", null, headers, body);
    }
}
