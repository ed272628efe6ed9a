package io.mcegateway.exchangelog;

import static io.mcegateway.exchangelog.TestMasking.hashOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.exchangelog.ExchangeStore.Limits;
import io.mcegateway.token.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ExchangeLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T18:40:12.345Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ErrorTrend trend = new ErrorTrend(ErrorTrend.Settings.defaults(), clock, meters);
    private final ExchangeStore store = new ExchangeStore(Limits.defaults(), clock, trend);
    private final Masker masker = TestMasking.masker(() -> List.of("fake-access-token-42"));
    private final List<String> lines = new ArrayList<>();
    private final ExchangeLog log = new ExchangeLog(masker, new ErrorClassifier(), trend, store, meters, clock,
            lines::add);
    private final Logger exchangeLogger = (Logger) LoggerFactory.getLogger(ExchangeLog.LOGGER_NAME);
    private final Logger applicationLogger = (Logger) LoggerFactory.getLogger(ExchangeLog.class);
    private final ListAppender<ILoggingEvent> exchangeEvents = new ListAppender<>();
    private final ListAppender<ILoggingEvent> applicationEvents = new ListAppender<>();

    ExchangeLogTest() {
        exchangeEvents.start();
        applicationEvents.start();
        exchangeLogger.addAppender(exchangeEvents);
        applicationLogger.addAppender(applicationEvents);
    }

    @AfterEach
    void detach() {
        exchangeLogger.detachAppender(exchangeEvents);
        applicationLogger.detachAppender(applicationEvents);
    }

    private static RawExchange proxyError() {
        return RawExchange.builder()
                .startedAt(Instant.parse("2026-12-03T18:40:11Z"))
                .method("POST")
                .url("https://mcfake.rest.marketingcloudapis.com/messaging/v1/email/messages/mk-1")
                .status(502)
                .durationMs(30_001)
                .requestHeaders(Map.of("Authorization", "Bearer fake-access-token-42"))
                .requestBody("{\"definitionKey\":\"order_confirm\",\"recipient\":{\"contactKey\":\"c-1\","
                        + "\"to\":\"jane@example.com\"}}")
                .responseHeaders(Map.of("Server", "nginx", "Content-Type", "text/html"))
                .responseBody("<html><body>Bad Gateway. Contact proxy-admin@corp.example</body></html>")
                .route("send-email")
                .messageKeys(List.of("mk-1"))
                .attempt(1)
                .businessUnit("default")
                .build();
    }

    @Test
    void writes_each_exchange_as_one_masked_json_line_to_the_mce_exchange_logger() throws Exception {
        ExchangeLog logged = new ExchangeLog(masker, new ErrorClassifier(), trend, store, meters, clock);

        logged.record(proxyError());

        assertThat(exchangeEvents.list).hasSize(1);
        String line = exchangeEvents.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain("\n", "fake-access-token-42", "jane@example.com", "proxy-admin@corp.example");
        JsonNode record = JSON.readTree(line);
        assertThat(record.at("/timestamp").asText()).isEqualTo("2026-12-03T18:40:11.000+00:00");
        assertThat(record.at("/requestHeaders/Authorization/0").asText()).isEqualTo("Bearer ***");
        assertThat(record.at("/classification/signature").asText()).isEqualTo("502/-/INTERMEDIARY");
        assertThat(record.at("/classification/retryable").asBoolean()).isTrue();
        assertThat(applicationEvents.list).as("nothing about the exchange on the application log").isEmpty();
    }

    @Test
    void feeds_the_store_and_the_trend() {
        log.record(proxyError());
        log.record(RawExchange.builder().method("GET").url("https://h/x").status(200).messageKeys(List.of("mk-1"))
                .build());

        assertThat(store.bySignature("502/-/INTERMEDIARY")).hasSize(1);
        assertThat(store.byMessageKey("mk-1")).hasSize(2);
        assertThat(trend.snapshot()).containsOnlyKeys("502/-/INTERMEDIARY");
        assertThat(lines).hasSize(2);
    }

    @Test
    void a_successful_exchange_has_no_classification() {
        ExchangeRecord record = log.record(RawExchange.builder().method("POST").url("https://h/v2/token").status(200)
                .responseBody("{\"access_token\":\"fake-token\",\"expires_in\":1079}").build()).orElseThrow();

        assertThat(record.classification()).isNull();
        assertThat(record.responseBody()).isEqualTo("{\"access_token\":\"***\",\"expires_in\":1079}");
    }

    @Test
    void a_timeout_without_a_response_is_recorded_as_client_side() {
        ExchangeRecord record = log.record(RawExchange.builder().method("POST").url("https://h/x")
                .failure(new SocketTimeoutException("Read timed out")).build()).orElseThrow();

        assertThat(record.signature()).isEqualTo("-/-/CLIENT_TIMEOUT");
    }

    @Test
    void never_throws_to_its_caller_and_counts_what_it_could_not_record() {
        ExchangeLog broken = new ExchangeLog(masker, new ErrorClassifier(), trend, store, meters, clock, line -> {
            throw new IllegalStateException("disk full");
        });
        Map<String, Object> hostileHeaders = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                throw new UnsupportedOperationException("cannot read headers");
            }
        };

        assertThatCode(() -> {
            broken.record(proxyError());
            log.record(RawExchange.builder().method("GET").requestHeaders(hostileHeaders).build());
        }).doesNotThrowAnyException();

        assertThat(meters.get("mce.exchange.log.failures").counter().count()).isEqualTo(2);
        assertThat(applicationEvents.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(message -> assertThat(message).doesNotContain("disk full", "jane"));
    }

    @Test
    void a_support_bundle_for_a_message_key_finds_records_even_when_the_key_had_to_be_masked() {
        log.record(RawExchange.builder().method("POST").url("https://h/x").status(500)
                .messageKeys(List.of("jane@example.com")).build());

        SupportBundle bundle = log.supportBundleForMessageKey("jane@example.com");

        assertThat(bundle.query()).isEqualTo("messageKey=" + hashOf("jane@example.com"));
        assertThat(bundle.groups()).hasSize(1);
    }
}
