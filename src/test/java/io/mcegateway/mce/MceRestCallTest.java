package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * One MCE REST call, no redelivery around it: every fault reaches the caller as the right type, and the HTTP client
 * never resends on its own (HttpClient 5 would resend a POST after 429 or 503 unless told not to).
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(properties = "mce.http.response-timeout=1s")
class MceRestCallTest {

    @Autowired
    MceSandbox sandbox;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camel;

    @BeforeEach
    void clear() {
        sandbox.faults().clear();
    }

    record Case(String name, Fault fault, Class<? extends MceCallException> type, String source) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case[] faults() {
        return new Case[] {
            new Case("500 with MCE's body", Fault.httpError(500), MceCallException.Retryable.class, "MCE"),
            new Case("503 with Retry-After", Fault.serviceUnavailable(1), MceCallException.Retryable.class, "MCE"),
            new Case("429 with Retry-After", Fault.rateLimited(1), MceCallException.Retryable.class, "MCE"),
            new Case("429 without Retry-After (50200)", Fault.temporarilyBlocked(), MceCallException.Retryable.class, "MCE"),
            new Case("400", Fault.httpError(400), MceCallException.Rejected.class, "MCE"),
            new Case("502 HTML page from a proxy", Fault.htmlProxyError(), MceCallException.OutcomeUnknown.class, "INTERMEDIARY"),
            new Case("response lost after processing", Fault.responseLost(), MceCallException.OutcomeUnknown.class, "NETWORK"),
            new Case("connection reset before processing", Fault.connectionReset(), MceCallException.OutcomeUnknown.class, "NETWORK"),
            new Case("answer later than the response timeout", Fault.lateResponse(Duration.ofSeconds(3)),
                    MceCallException.OutcomeUnknown.class, "CLIENT_TIMEOUT")
        };
    }

    @Test
    void mces_texts_about_a_request_are_masked_with_the_personal_values_the_request_carried() {
        Exchange done = producer.send(MceRestRoutes.REST_CALL, exchange -> {
            exchange.setProperty(MceRestCall.METHOD, "POST");
            exchange.setProperty(MceRestCall.PATH, "messaging/v1/email/messages/");
            exchange.getMessage().setBody("{\"definitionKey\":\"d\",\"recipients\":[{\"contactKey\":\"ck-ada-5521\","
                    + "\"to\":\"a@example.com\",\"messageKey\":\"masked-answer-1\","
                    + "\"attributes\":{\"FirstName\":\"Adalinde\"}}]}");
        });

        assertThat(done.getException()).isNull();
        assertThat(MceRestCall.maskedAnswerText(done, "Invalid attribute value 'ADALINDE' for FirstName of ck-ada-5521"))
                .startsWith("Invalid attribute value 'hash:").contains("' for FirstName of hash:")
                .doesNotContainIgnoringCase("adalinde").doesNotContain("ck-ada-5521");
    }

    @Test
    void a_refusal_carries_mces_own_message_once_masked() {
        sandbox.faults().script("email-batch", Fault.httpError(400));

        Exchange done = producer.send(MceRestRoutes.REST_CALL, exchange -> {
            exchange.setProperty(MceRestCall.METHOD, "POST");
            exchange.setProperty(MceRestCall.PATH, "messaging/v1/email/messages/");
            exchange.getMessage().setBody("{\"definitionKey\":\"d\",\"recipients\":[{\"contactKey\":\"c\","
                    + "\"to\":\"a@example.com\",\"messageKey\":\"refused-1\"}]}");
        });

        assertThat(done.getException()).hasMessage("MCE answered HTTP 400 errorcode 0: Bad Request");
    }

    @Test
    void text_from_an_exchange_that_never_called_mce_is_withheld_rather_than_passed_on_unmasked() {
        Exchange elsewhere = new DefaultExchange(camel);

        assertThat(MceRestCall.maskedAnswerText(elsewhere, "Invalid attribute value 'Adalinde'")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void a_fault_reaches_the_caller_typed_and_is_sent_exactly_once(Case fault) {
        int before = sandbox.ledger().requestCount("email-batch");
        sandbox.faults().script("email-batch", fault.fault());

        Exchange done = producer.send(MceRestRoutes.REST_CALL, exchange -> {
            exchange.setProperty(MceRestCall.METHOD, "POST");
            exchange.setProperty(MceRestCall.PATH, "messaging/v1/email/messages/");
            exchange.getMessage().setBody("{\"definitionKey\":\"d\",\"recipients\":[{\"contactKey\":\"c\","
                    + "\"to\":\"a@example.com\",\"messageKey\":\"call-" + fault.name().hashCode() + "\"}]}");
        });

        assertThat(done.getException()).isInstanceOf(fault.type());
        assertThat(((MceCallException) done.getException()).source()).isEqualTo(fault.source());
        // The sandbox records a request when it answers, which for a late answer is after the client gave up.
        io.mcegateway.support.Eventually.soon().until(() -> sandbox.ledger().requestCount("email-batch") > before);
        assertThat(sandbox.ledger().requestCount("email-batch") - before).as("no hidden resend").isEqualTo(1);
    }
}
