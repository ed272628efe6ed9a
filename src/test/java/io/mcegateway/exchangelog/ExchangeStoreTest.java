package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.exchangelog.Classification.Source;
import io.mcegateway.exchangelog.ExchangeStore.Limits;
import io.mcegateway.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExchangeStoreTest {

    private static final Classification MCE_500 = new Classification(Source.MCE, true, "500/0/MCE", "MCE error body");
    private static final Classification PROXY_502 =
            new Classification(Source.INTERMEDIARY, true, "502/-/INTERMEDIARY", "HTML body");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final ErrorTrend trend =
            new ErrorTrend(ErrorTrend.Settings.defaults(), clock, new SimpleMeterRegistry());
    private final Masker masker = TestMasking.masker();
    private int sequence;

    private ExchangeRecord record(Classification classification, String messageKey) {
        trend.record(classification);
        RawExchange raw = RawExchange.builder()
                .startedAt(clock.instant())
                .method("POST")
                .url("https://mcfake.rest.marketingcloudapis.com/messaging/v1/email/messages/" + messageKey)
                .status(classification == null ? 202 : Integer.parseInt(classification.signature().split("/")[0]))
                .requestBody("{\"n\":" + (sequence++) + "}")
                .messageKeys(List.of(messageKey))
                .build();
        clock.advance(Duration.ofSeconds(1));
        return ExchangeRecord.masked(masker, raw, classification, ZoneOffset.UTC);
    }

    /** A failed exchange whose response body is {@code bodyChars} characters long. */
    private ExchangeRecord large(Classification classification, String messageKey, int bodyChars) {
        trend.record(classification);
        RawExchange raw = RawExchange.builder()
                .startedAt(clock.instant())
                .method("POST")
                .url("https://mcfake.rest.marketingcloudapis.com/messaging/v1/email/messages/" + messageKey)
                .status(Integer.parseInt(classification.signature().split("/")[0]))
                .responseBody("x".repeat(bodyChars))
                .messageKeys(List.of(messageKey))
                .build();
        clock.advance(Duration.ofSeconds(1));
        return ExchangeRecord.masked(masker, raw, classification, ZoneOffset.UTC);
    }

    @Test
    void holds_at_most_the_configured_number_of_records_dropping_successes_first() {
        ExchangeStore store = new ExchangeStore(new Limits(5, Duration.ofHours(1), 1_000_000), clock, trend);
        store.add(record(MCE_500, "f1"));
        store.add(record(null, "s1"));
        store.add(record(MCE_500, "f2"));
        store.add(record(null, "s2"));
        store.add(record(MCE_500, "f3"));

        store.add(record(MCE_500, "f4"));
        store.add(record(MCE_500, "f5"));

        assertThat(store.size()).isEqualTo(5);
        assertThat(store.byMessageKey("s1")).isEmpty();
        assertThat(store.byMessageKey("s2")).isEmpty();
        assertThat(store.bySignature("500/0/MCE")).extracting(r -> r.messageKeys().get(0))
                .containsExactly("f1", "f2", "f3", "f4", "f5");

        store.add(record(MCE_500, "f6"));
        store.add(record(MCE_500, "f7"));

        assertThat(store.size()).isEqualTo(5);
        assertThat(store.bySignature("500/0/MCE")).extracting(r -> r.messageKeys().get(0))
                .as("f1 and f2 left the bound; the first of the signature stays pinned")
                .containsExactly("f1", "f3", "f4", "f5", "f6", "f7");
    }

    @Test
    void drops_records_older_than_the_maximum_age() {
        ExchangeStore store = new ExchangeStore(new Limits(100, Duration.ofMinutes(10), 1_000_000), clock, trend);
        store.add(record(MCE_500, "old"));
        store.add(record(null, "old-ok"));
        clock.advance(Duration.ofMinutes(9));
        store.add(record(MCE_500, "recent"));

        clock.advance(Duration.ofMinutes(1));

        assertThat(store.byMessageKey("old")).isEmpty();
        assertThat(store.byMessageKey("old-ok")).isEmpty();
        assertThat(store.bySignature("500/0/MCE")).extracting(r -> r.messageKeys().get(0)).containsExactly("recent");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void keeps_its_approximate_size_under_the_byte_bound() {
        ExchangeRecord sample = record(null, "probe");
        ExchangeStore store = new ExchangeStore(new Limits(1000, Duration.ofHours(1), sample.approximateBytes() * 3),
                clock, trend);

        for (int i = 0; i < 10; i++) {
            store.add(record(null, "k" + i));
        }

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.approximateBytes()).isLessThanOrEqualTo(sample.approximateBytes() * 3);
    }

    @Test
    void the_first_records_of_a_hundred_large_signatures_stay_within_the_byte_bound() {
        long bound = 2_000_000;
        ExchangeStore store = new ExchangeStore(new Limits(1000, Duration.ofHours(1), bound), clock, trend);
        List<String> signatures = new ArrayList<>();
        for (int i = 0; i < ExchangeStore.PINNED_SIGNATURES; i++) {
            Classification distinct = new Classification(Source.MCE, false, "400/" + (10000 + i) + "/MCE", "test");
            signatures.add(distinct.signature());
            store.add(large(distinct, "big-" + i, 100_000));
        }

        Set<ExchangeRecord> held = Collections.newSetFromMap(new IdentityHashMap<>());
        signatures.forEach(signature -> held.addAll(store.bySignature(signature)));
        long heldBytes = held.stream().mapToLong(ExchangeRecord::approximateBytes).sum();
        assertThat(heldBytes).as("every record still held, pinned or not").isLessThanOrEqualTo(bound);
        assertThat(store.approximateBytes()).isEqualTo(heldBytes);
        assertThat(heldBytes).as("the pins leave room for the latest failures").isGreaterThan(bound / 2);
        assertThat(held).extracting(r -> r.messageKeys().get(0)).contains("big-99");
    }

    @Test
    void a_pinned_first_record_still_counts_against_the_byte_bound_once_newer_ones_pushed_it_out() {
        ExchangeRecord sample = large(MCE_500, "probe", 10_000);
        ExchangeStore store = new ExchangeStore(new Limits(1000, Duration.ofHours(1), sample.approximateBytes() * 8),
                clock, trend);

        for (int i = 0; i < 20; i++) {
            store.add(large(MCE_500, "m" + i, 10_000));
        }

        List<ExchangeRecord> held = store.bySignature("500/0/MCE");
        assertThat(held).extracting(r -> r.messageKeys().get(0))
                .as("the first of the signature and the latest that fit beside it")
                .containsExactly("m0", "m13", "m14", "m15", "m16", "m17", "m18", "m19");
        assertThat(store.approximateBytes()).isEqualTo(held.stream().mapToLong(ExchangeRecord::approximateBytes).sum())
                .isLessThanOrEqualTo(sample.approximateBytes() * 8);
    }

    @Test
    void a_support_bundle_shows_at_most_three_exchanges_per_signature_first_middle_and_latest() {
        ExchangeStore store = new ExchangeStore(Limits.defaults(), clock, trend);
        for (int i = 1; i <= 9; i++) {
            store.add(record(MCE_500, "m" + i));
        }

        SupportBundle bundle = store.supportBundleForSignature("500/0/MCE");

        assertThat(bundle.groups()).hasSize(1);
        SupportBundle.Group group = bundle.groups().get(0);
        assertThat(group.signature()).isEqualTo("500/0/MCE");
        assertThat(group.source()).isEqualTo("MCE");
        assertThat(group.retryable()).isTrue();
        assertThat(group.matchingExchanges()).isEqualTo(9);
        assertThat(group.exchanges()).extracting(r -> r.messageKeys().get(0)).containsExactly("m1", "m5", "m9");
        assertThat(group.trend().count5m()).isEqualTo(9);
    }

    @Test
    void a_support_bundle_for_a_message_key_groups_its_exchanges_by_signature() {
        ExchangeStore store = new ExchangeStore(Limits.defaults(), clock, trend);
        store.add(record(PROXY_502, "mk-7"));
        store.add(record(MCE_500, "mk-7"));
        store.add(record(MCE_500, "mk-7"));
        store.add(record(null, "mk-7"));
        store.add(record(MCE_500, "other"));

        SupportBundle bundle = store.supportBundleForMessageKey("mk-7");

        assertThat(bundle.query()).isEqualTo("messageKey=mk-7");
        assertThat(bundle.groups()).extracting(SupportBundle.Group::signature)
                .containsExactly("502/-/INTERMEDIARY", "500/0/MCE", "success");
        assertThat(bundle.groups()).allSatisfy(group -> assertThat(group.exchanges()).hasSizeLessThanOrEqualTo(3));
        assertThat(bundle.groups().get(1).exchanges()).hasSize(2);
        assertThat(bundle.groups().get(2).trend()).isNull();
    }

    @Test
    void a_support_bundle_explains_itself_and_serialises_to_json() throws Exception {
        ExchangeStore store = new ExchangeStore(Limits.defaults(), clock, trend);
        store.add(record(MCE_500, "mk-1"));

        JsonNode json = new ObjectMapper().readTree(
                new ObjectMapper().writeValueAsString(store.supportBundleForSignature("500/0/MCE")));

        assertThat(json.at("/about").asText()).contains("support case", "first", "most recent");
        assertThat(json.at("/generatedAt").asText()).isEqualTo("2026-12-03T10:00:01.000+00:00");
        assertThat(json.at("/masking").asText()).contains("***", "hash:", "HMAC-SHA256");
        assertThat(json.at("/groups/0/trend/signature").asText()).isEqualTo("500/0/MCE");
        assertThat(json.at("/groups/0/exchanges/0/timestamp").asText()).isEqualTo("2026-12-03T10:00:00.000+00:00");
    }

    @Test
    void an_unknown_signature_gives_an_empty_bundle() {
        ExchangeStore store = new ExchangeStore(Limits.defaults(), clock, trend);

        assertThat(store.supportBundleForSignature("418/-/MCE").groups()).isEmpty();
    }
}
