package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.exchangelog.ErrorClassifier;
import io.mcegateway.exchangelog.ErrorTrend;
import io.mcegateway.exchangelog.ExchangeLog;
import io.mcegateway.exchangelog.ExchangeStore;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.exchangelog.MaskingRules;
import io.mcegateway.support.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The {@code mce-http-call} route with a stub in place of the HTTP endpoint: every attempt is recorded once, success
 * or failure, and the caller gets exactly what the HTTP call gave it, whatever happens to the recording.
 */
class MceHttpCallRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "fake-token-0123456789abcdef";
    private static final String STUB = "direct:stub-mce";
    private static final String STUB_HOST = "https://mce.example/";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = Clock.systemUTC();
    private final ErrorTrend trend = new ErrorTrend(ErrorTrend.Settings.defaults(), clock, meters);
    private final ExchangeLog log = new ExchangeLog(new Masker(MaskingRules.defaults("test-only-hash-key-0123")),
            new ErrorClassifier(), trend, new ExchangeStore(ExchangeStore.Limits.defaults(), clock, trend), meters,
            clock);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger exchangeLogger = (Logger) LoggerFactory.getLogger(ExchangeLog.LOGGER_NAME);
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Processor mce;
    private ExchangeRecorder recorder;
    private CamelContext camel;
    private ProducerTemplate producer;

    private void start(Function<Exchange, List<String>> messageKeys) throws Exception {
        lines.start();
        exchangeLogger.addAppender(lines);
        recorder = new ExchangeRecorder(log, 100, meters);
        camel = new DefaultCamelContext();
        camel.addRoutes(new MceHttpCallRoutes(new MceExchangeCapture(clock, messageKeys, meters), recorder, STUB));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Like the HTTP endpoint it stands for, the stub has no error handler of its own (one would mark
                // the exchange exhausted and stop the caller's redeliveries).
                from(STUB).errorHandler(noErrorHandler()).process(exchange -> {
                    calls.incrementAndGet();
                    mce.process(exchange);
                });
                from("direct:caller").errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0)
                                .logExhausted(false).logRetryAttempted(false))
                        .to(MceHttp.ENDPOINT);
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    private void start() throws Exception {
        start(exchange -> List.of("mk-1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (recorder != null) {
            recorder.close();
        }
        exchangeLogger.detachAppender(lines);
    }

    @Test
    void a_successful_call_is_recorded_with_the_request_as_sent_and_the_response_and_the_caller_gets_it_whole()
            throws Exception {
        start();
        mce = answer(202, "{\"requestId\":\"r-1\",\"responses\":[{\"messageKey\":\"mk-1\"}]}");

        Exchange done = producer.send("direct:caller", this::restRequest);

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(String.class)).as("the stream body is still readable")
                .isEqualTo("{\"requestId\":\"r-1\",\"responses\":[{\"messageKey\":\"mk-1\"}]}");
        assertThat(done.getProperties()).as("nothing of the recording is left on the exchange")
                .doesNotContainKeys(MceExchangeCapture.REQUEST, MceExchangeCapture.RECORD);
        JsonNode record = records(1).get(0);
        assertThat(record.path("method").asText()).isEqualTo("POST");
        assertThat(record.path("url").asText()).isEqualTo("https://mce.example/messaging/v1/email/messages/");
        assertThat(record.path("status").asInt()).isEqualTo(202);
        assertThat(record.path("requestHeaders").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Authorization", "Accept", "Content-Type");
        assertThat(record.path("requestHeaders").path("Authorization").get(0).asText()).isEqualTo("Bearer ***");
        assertThat(record.path("requestBody").asText()).contains("\"to\":\"hash:");
        assertThat(record.path("responseHeaders").fieldNames()).toIterable()
                .as("response headers only: the copied request headers are left out")
                .containsExactlyInAnyOrder("Content-Type", "X-Request-Id");
        assertThat(record.path("responseHeaders").path("Content-Type").get(0).asText())
                .isEqualTo("application/json; charset=utf-8");
        assertThat(record.path("responseBody").asText()).contains("r-1");
        assertThat(record.path("route").asText()).isEqualTo("mce-rest-call");
        assertThat(record.path("messageKeys").toString()).isEqualTo("[\"mk-1\"]");
        assertThat(record.path("attempt").asInt()).isEqualTo(1);
        assertThat(record.path("classification").isNull()).isTrue();
        assertThat(record.toString()).doesNotContain(TOKEN, "someone@example.com");
    }

    @Test
    void a_failed_call_is_recorded_and_the_caller_gets_the_very_same_exception() throws Exception {
        start();
        HttpOperationFailedException refused = new HttpOperationFailedException(
                "https://mce.example/messaging/v1/email/messages/", 400, "Bad Request", null,
                Map.of("Content-Type", "application/json"), "{\"message\":\"Bad Request\",\"errorcode\":0}");
        mce = exchange -> {
            throw refused;
        };

        Exchange done = producer.send("direct:caller", this::restRequest);

        assertThat(done.getException()).isSameAs(refused);
        assertThat(calls.get()).as("this caller's error handler retries even a 400").isEqualTo(3);
        List<JsonNode> records = records(3);
        assertThat(records).extracting(record -> record.path("status").asInt()).containsOnly(400);
        assertThat(records.get(0).path("classification").path("signature").asText()).isEqualTo("400/0/MCE");
        assertThat(records.get(0).path("responseBody").asText()).contains("Bad Request");
        assertThat(records.get(0).path("error").asText()).contains("HttpOperationFailedException");
    }

    @Test
    void each_redelivery_is_an_attempt_of_its_own_and_the_one_that_succeeds_counts_too() throws Exception {
        start();
        mce = exchange -> {
            if (calls.get() < 3) {
                throw new SocketTimeoutException("Read timed out");
            }
            answer(202, "{}").process(exchange);
        };

        Exchange done = producer.send("direct:caller", this::restRequest);

        assertThat(done.getException()).isNull();
        List<JsonNode> records = records(3);
        assertThat(records).extracting(record -> record.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(records).extracting(record -> record.path("classification").path("source").asText())
                .containsExactly("CLIENT_TIMEOUT", "CLIENT_TIMEOUT", "");
        assertThat(records.get(0).path("status").isNull()).isTrue();
    }

    @Test
    void another_request_on_the_same_exchange_starts_again_at_attempt_one() throws Exception {
        start();
        mce = answer(200, "{}");
        Exchange exchange = camel.getEndpoint("direct:caller").createExchange();
        restRequest(exchange);
        producer.send("direct:caller", exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "https://mce.example/messaging/v1/email/messages/mk-1");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setBody(null);

        producer.send("direct:caller", exchange);

        assertThat(records(2)).extracting(record -> record.path("attempt").asInt()).containsExactly(1, 1);
    }

    @Test
    void a_recording_that_fails_is_counted_and_never_fails_the_call() throws Exception {
        start(exchange -> {
            throw new IllegalStateException("broken messageKeys");
        });
        mce = answer(202, "{\"ok\":true}");

        Exchange done = producer.send("direct:caller", this::restRequest);

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(String.class)).isEqualTo("{\"ok\":true}");
        assertThat(meters.get("mce.exchange.log.failures").counter().count()).isEqualTo(1);
    }

    @Test
    void when_the_exchange_log_falls_behind_records_are_dropped_and_counted_never_waited_for() throws Exception {
        ExchangeRecorder small = new ExchangeRecorder(log, 1, meters);
        CountDownLatch release = new CountDownLatch(1);
        try {
            small.executor().execute(() -> await(release));
            small.executor().execute(() -> { });
            small.executor().execute(() -> { });

            assertThat(meters.get("mce.exchange.log.dropped").counter().count()).isEqualTo(1);
        } finally {
            release.countDown();
            small.close();
        }
    }

    private void restRequest(Exchange exchange) {
        exchange.setProperty(MceHttp.TOKEN, "the token object");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "https://mce.example/messaging/v1/email/messages/");
        exchange.getMessage().setHeader("Authorization", "Bearer " + TOKEN);
        exchange.getMessage().setHeader("Accept", "application/json");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody("{\"definitionKey\":\"d\",\"recipients\":[{\"contactKey\":\"c-1\","
                + "\"to\":\"someone@example.com\",\"messageKey\":\"mk-1\"}]}");
    }

    /** What Camel's HTTP producer leaves: response headers, then the request headers copied over as they were. */
    private static Processor answer(int status, String body) {
        return exchange -> {
            var message = exchange.getMessage();
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
            message.setHeader("X-Request-Id", "r-1");
            message.setBody(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        };
    }

    /**
     * This test's records. The exchange logger is shared by the JVM: a gateway another test class left running (Spring
     * caches test contexts) may log its own exchanges meanwhile, so only those to this test's stub host count.
     */
    private List<JsonNode> records(int expected) {
        Eventually.soon().until(() -> ours().size() >= expected);
        List<JsonNode> records = ours();
        assertThat(records).hasSize(expected);
        return records;
    }

    private List<JsonNode> ours() {
        List<ILoggingEvent> logged;
        synchronized (lines) { // AppenderBase appends while holding the appender's lock
            logged = List.copyOf(lines.list);
        }
        List<JsonNode> records = new ArrayList<>();
        for (ILoggingEvent line : logged) {
            try {
                JsonNode record = JSON.readTree(line.getFormattedMessage());
                if (record.path("url").asText().startsWith(STUB_HOST)) {
                    records.add(record);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return records;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
