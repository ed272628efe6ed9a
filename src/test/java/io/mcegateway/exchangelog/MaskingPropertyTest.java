package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.exchangelog.ExchangeStore.Limits;
import io.mcegateway.token.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property: for thousands of generated MCE exchanges carrying fake tokens, secrets, e-mail addresses, phone numbers
 * and names in varied places and letter cases, no sensitive value appears in the JSON line the exchange log writes,
 * and every non-sensitive field (definitionKey, messageKey, errorcode, requestId, status, ...) is unchanged.
 * <p>
 * Seeded, so a failure is reproducible: the message names the seed and case. Run more or other cases with
 * {@code -Dmasking.seed=... -Dmasking.cases=...}.
 */
class MaskingPropertyTest {

    private static final long SEED = Long.getLong("masking.seed", 20261203L);
    private static final int CASES = Integer.getInteger("masking.cases", 3000);
    private static final Pattern HASH = Pattern.compile("hash:[0-9a-f]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T18:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** The exchange log as wired, with the case's secrets as the known secrets when {@code known} is set. */
    private ExchangeLog log(List<String> lines, List<String> knownSecrets) {
        ErrorTrend trend = new ErrorTrend(ErrorTrend.Settings.defaults(), clock, meters);
        Masker masker = TestMasking.masker(() -> knownSecrets);
        return new ExchangeLog(masker, new ErrorClassifier(), trend, new ExchangeStore(Limits.defaults(), clock, trend),
                meters, clock, lines::add);
    }

    @Test
    void no_token_secret_or_personal_value_appears_in_any_of_thousands_of_masked_records() {
        ExchangeGenerator generator = new ExchangeGenerator(SEED, true);
        List<String> known = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        ExchangeLog log = log(lines, known);
        for (int i = 0; i < CASES; i++) {
            ExchangeGenerator.Case generated = generator.next();
            known.clear();
            known.addAll(generated.knownSecrets());
            lines.clear();

            log.record(generated.raw());

            assertThat(lines).as("case %d (%s) was recorded", i, generated.kind()).hasSize(1);
            assertNoLeak(lines.get(0), generated, i, true);
        }
    }

    @Test
    void without_known_secrets_every_labelled_secret_and_personal_value_is_still_masked() {
        ExchangeGenerator generator = new ExchangeGenerator(SEED + 1, false);
        List<String> lines = new ArrayList<>();
        ExchangeLog log = log(lines, List.of());
        for (int i = 0; i < CASES; i++) {
            ExchangeGenerator.Case generated = generator.next();
            lines.clear();

            log.record(generated.raw());

            assertThat(lines).as("case %d (%s) was recorded", i, generated.kind()).hasSize(1);
            assertNoLeak(lines.get(0), generated, i, false);
        }
    }

    @Test
    void non_sensitive_fields_come_through_unchanged() throws Exception {
        ExchangeGenerator generator = new ExchangeGenerator(SEED + 2, true);
        List<String> known = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        ExchangeLog log = log(lines, known);
        int bodiesChecked = 0;
        for (int i = 0; i < CASES; i++) {
            ExchangeGenerator.Case generated = generator.next();
            known.clear();
            known.addAll(generated.knownSecrets());
            lines.clear();

            log.record(generated.raw());

            JsonNode record = JSON.readTree(lines.get(0));
            String context = "case " + i + " (" + generated.kind() + "), seed " + SEED;
            assertThat(record.get("status").isNull() ? null : record.get("status").asInt()).as(context)
                    .isEqualTo(generated.raw().status());
            assertThat(record.get("method").asText()).as(context).isEqualTo(generated.raw().method());
            assertThat(record.get("attempt").asInt()).as(context).isEqualTo(generated.raw().attempt());
            List<String> keys = new ArrayList<>();
            record.get("messageKeys").forEach(key -> keys.add(key.asText()));
            assertThat(keys).as(context).isEqualTo(generated.raw().messageKeys());
            for (String part : generated.urlPlain()) {
                assertThat(record.get("url").asText()).as(context).contains(part);
            }
            bodiesChecked += checkFields(record.get("requestBody"), generated.requestPlain(), context);
            bodiesChecked += checkFields(record.get("responseBody"), generated.responsePlain(), context);
        }
        assertThat(bodiesChecked).as("fields compared").isGreaterThan(CASES);
    }

    @Test
    void masking_what_is_already_masked_changes_nothing() {
        ExchangeGenerator generator = new ExchangeGenerator(SEED + 3, false);
        Masker masker = TestMasking.masker();
        for (int i = 0; i < CASES / 3; i++) {
            RawExchange raw = generator.next().raw();
            for (String body : new String[] {raw.requestBody(), raw.responseBody(), raw.url()}) {
                String once = masker.maskBody(body, null);
                assertThat(masker.maskBody(once, null)).as("case %d, seed %d", i, SEED + 3).isEqualTo(once);
            }
        }
    }

    private static int checkFields(JsonNode body, Map<String, String> expected, String context) throws Exception {
        if (expected.isEmpty()) {
            return 0;
        }
        JsonNode parsed = JSON.readTree(body.asText());
        expected.forEach((pointer, value) ->
                assertThat(parsed.at(pointer).asText()).as("%s: %s", context, pointer).isEqualTo(value));
        return expected.size();
    }

    private static void assertNoLeak(String line, ExchangeGenerator.Case generated, int index, boolean known) {
        String scrubbed = HASH.matcher(line).replaceAll("#").toLowerCase(Locale.ROOT);
        for (String value : forms(generated.sensitive())) {
            int at = scrubbed.indexOf(value.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                fail("Case %d (%s, seed %d, known secrets %s) leaked \"%s\":%n...%s...", index, generated.kind(),
                        known ? SEED : SEED + 1, known, value,
                        line.substring(Math.max(0, at - 200), Math.min(line.length(), at + value.length() + 200)));
            }
        }
    }

    /** Each value as it could appear in a JSON line: as is and URL-encoded. */
    private static Set<String> forms(Set<String> values) {
        Set<String> forms = new java.util.LinkedHashSet<>();
        for (String value : values) {
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return forms;
    }
}
