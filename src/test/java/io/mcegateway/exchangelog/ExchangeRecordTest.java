package io.mcegateway.exchangelog;

import static io.mcegateway.exchangelog.TestMasking.hashOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.exchangelog.Classification.Source;
import java.lang.reflect.Modifier;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-03T18:40:12.345Z");

    private final Masker masker = TestMasking.masker(() -> List.of("fake-access-token-42"));

    private RawExchange.Builder send() {
        return RawExchange.builder()
                .startedAt(AT)
                .method("POST")
                .url("https://mcfake.rest.marketingcloudapis.com/messaging/v1/email/messages/mk-1?to=jane%40example.com")
                .status(500)
                .durationMs(812)
                .requestHeaders(Map.of("Authorization", "Bearer fake-access-token-42",
                        "Content-Type", "application/json"))
                .requestBody("{\"definitionKey\":\"order_confirm\",\"recipient\":{\"contactKey\":\"c-1\","
                        + "\"to\":\"jane@example.com\",\"attributes\":{\"FirstName\":\"Jane\"}}}")
                .responseHeaders(Map.of("Content-Type", "application/json"))
                .responseBody("{\"message\":\"An error occurred\",\"errorcode\":0,\"documentation\":\"\"}")
                .route("mce-rest-call")
                .fromRoute("claim-due-messages")
                .messageKeys(List.of("mk-1"))
                .attempt(2)
                .businessUnit("default");
    }

    @Test
    void what_the_request_said_about_the_recipient_is_hashed_in_the_answer_and_the_error_too() {
        RawExchange raw = send()
                .responseHeaders(Map.of("Content-Type", "text/html", "X-Rejected-For", "Jane"))
                .responseBody("<html><body><td>Jane</td> (c-1) could not be reached</body></html>")
                .failure(new SocketTimeoutException("no answer for Jane"))
                .build();

        ExchangeRecord record = ExchangeRecord.masked(masker, raw,
                new Classification(Source.INTERMEDIARY, true, "500/-/INTERMEDIARY", "HTML body"), ZoneOffset.UTC);

        assertThat(record.responseBody()).isEqualTo("<html><body><td>" + hashOf("Jane") + "</td> (" + hashOf("c-1")
                + ") could not be reached</body></html>");
        assertThat(record.responseHeaders()).containsEntry("X-Rejected-For", List.of(hashOf("Jane")));
        assertThat(record.error()).isEqualTo("java.net.SocketTimeoutException: no answer for " + hashOf("Jane"));
        assertThat(record.messageKeys()).containsExactly("mk-1");
    }

    @Test
    void every_part_of_the_record_is_masked() {
        ExchangeRecord record = ExchangeRecord.masked(masker, send().build(),
                new Classification(Source.MCE, true, "500/0/MCE", "MCE error body"), ZoneOffset.UTC);

        assertThat(record.url()).endsWith("/messages/mk-1?to=" + hashOf("jane@example.com"));
        assertThat(record.requestHeaders()).containsEntry("Authorization", List.of("Bearer ***"));
        assertThat(record.requestBody()).isEqualTo("{\"definitionKey\":\"order_confirm\",\"recipient\":{"
                + "\"contactKey\":\"" + hashOf("c-1") + "\",\"to\":\"" + hashOf("jane@example.com")
                + "\",\"attributes\":{\"FirstName\":\"" + hashOf("Jane") + "\"}}}");
        assertThat(record.responseBody()).isEqualTo("{\"message\":\"An error occurred\",\"errorcode\":0,"
                + "\"documentation\":\"\"}");
        assertThat(record.messageKeys()).containsExactly("mk-1");
        assertThat(record.signature()).isEqualTo("500/0/MCE");
    }

    @Test
    void the_timestamp_has_milliseconds_and_a_zone_offset() {
        RawExchange raw = send().build();

        assertThat(ExchangeRecord.masked(masker, raw, null, ZoneOffset.UTC).timestamp())
                .isEqualTo("2026-12-03T18:40:12.345+00:00");
        assertThat(ExchangeRecord.masked(masker, raw, null, ZoneId.of("Asia/Tokyo")).timestamp())
                .isEqualTo("2026-12-04T03:40:12.345+09:00");
    }

    @Test
    void it_serialises_to_one_json_line_in_a_fixed_field_order() throws Exception {
        ExchangeRecord record = ExchangeRecord.masked(masker, send().build(),
                new Classification(Source.MCE, true, "500/0/MCE", "MCE error body"), ZoneOffset.UTC);

        String line = JSON.writeValueAsString(record);

        assertThat(line).doesNotContain("\n").doesNotContain("fake-access-token-42").doesNotContain("jane");
        JsonNode node = JSON.readTree(line);
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("timestamp", "method", "url", "status", "durationMs", "requestHeaders",
                "requestBody", "responseHeaders", "responseBody", "route", "fromRoute", "messageKeys", "attempt",
                "businessUnit", "classification", "error");
        assertThat(node.at("/fromRoute").asText()).isEqualTo("claim-due-messages");
        assertThat(node.at("/classification/signature").asText()).isEqualTo("500/0/MCE");
        assertThat(node.at("/classification/source").asText()).isEqualTo("MCE");
        assertThat(node.at("/attempt").asInt()).isEqualTo(2);
        assertThat(node.at("/status").asInt()).isEqualTo(500);
    }

    @Test
    void a_failure_without_a_response_is_described_masked() {
        RawExchange raw = send().status(null).responseBody(null).responseHeaders(null)
                .failure(new SocketTimeoutException("Read timed out calling https://h/x?access_token=fake-token-7"))
                .build();

        ExchangeRecord record = ExchangeRecord.masked(masker, raw, null, ZoneOffset.UTC);

        assertThat(record.error()).isEqualTo("java.net.SocketTimeoutException: Read timed out calling "
                + "https://h/x?access_token=***");
        assertThat(record.status()).isNull();
        assertThat(record.responseHeaders()).isEmpty();
    }

    @Test
    void there_is_no_way_to_build_a_record_but_the_masking_factory() {
        assertThat(ExchangeRecord.class.getDeclaredConstructors())
                .allMatch(constructor -> Modifier.isPrivate(constructor.getModifiers()));
        assertThat(Modifier.isFinal(ExchangeRecord.class.getModifiers())).isTrue();
    }

    @Test
    void a_raw_exchange_never_prints_its_contents() {
        assertThat(send().build().toString()).doesNotContain("fake-access-token-42", "jane", "Jane", "mcfake");
    }

    @Test
    void the_size_estimate_grows_with_the_bodies() {
        ExchangeRecord small = ExchangeRecord.masked(masker, send().build(), null, ZoneOffset.UTC);
        ExchangeRecord large = ExchangeRecord.masked(masker, send().responseBody("x".repeat(10_000)).build(), null,
                ZoneOffset.UTC);

        assertThat(large.approximateBytes() - small.approximateBytes()).isGreaterThanOrEqualTo(19_000);
    }
}
