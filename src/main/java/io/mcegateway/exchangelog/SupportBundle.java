package io.mcegateway.exchangelog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mcegateway.exchangelog.ErrorTrend.SignatureTrend;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What to attach to a Salesforce support case about an MCE API error, following the guidance's "Recommended
 * Information to Provide": for each error signature, 2-3 representative exchanges (the first kept, the most recent
 * and one in between) with full masked headers and bodies, plus the trend figures ("when it began and by how much
 * the frequency has increased"). Serialises with Jackson as is.
 *
 * @param about       what this document is, for whoever opens the attachment
 * @param generatedAt when it was made, ISO-8601 with zone offset
 * @param query       what was asked for: {@code signature=...} or {@code messageKey=...}
 * @param masking     what was masked, and how
 * @param groups      one per error signature; successful exchanges of a messageKey under {@code success}
 */
@JsonPropertyOrder({"about", "generatedAt", "query", "masking", "groups"})
public record SupportBundle(String about, String generatedAt, String query, String masking, List<Group> groups) {

    static final String SUCCESS = "success";
    static final int REPRESENTATIVES = 3;
    static final String ABOUT = "MCE Gateway support bundle: representative HTTP exchanges between this gateway and "
            + "the Salesforce Marketing Cloud Engagement REST APIs, for a support case. For each error signature "
            + "(HTTP status / MCE errorcode / source) it holds up to three exchanges (the first still held, one in "
            + "between and the most recent) with timestamps, method, URL, status and the request and response "
            + "headers and bodies, and the error trend: counts over the last 5 and 60 minutes, the error rate "
            + "against its baseline, first and last occurrence, and whether the rise is sporadic or persistent.";
    static final String MASKING = "Access tokens, client secrets, API keys, cookies and other credentials are "
            + "replaced with ***. Personal data (e-mail addresses, phone numbers, names, contact and subscriber "
            + "keys, and configured attributes) is replaced with hash: and a keyed HMAC-SHA256 prefix, so the same "
            + "person has the same hash in every exchange without being identifiable. Everything else is as sent "
            + "and received.";

    /**
     * @param signature         the error signature, or {@code success}
     * @param source            who produced the error (MCE, INTERMEDIARY, CLIENT_TIMEOUT, NETWORK), null for success
     * @param retryable         whether a retry can help, null for success
     * @param reason            why that source was chosen
     * @param trend             the signature's trend figures, null for success
     * @param matchingExchanges how many held exchanges matched, of which {@code exchanges} shows up to three
     */
    @JsonPropertyOrder({"signature", "source", "retryable", "reason", "trend", "matchingExchanges", "exchanges"})
    public record Group(String signature, String source, Boolean retryable, String reason, SignatureTrend trend,
            int matchingExchanges, List<ExchangeRecord> exchanges) {
    }

    static SupportBundle of(String query, List<ExchangeRecord> matches,
            Function<String, Optional<SignatureTrend>> trends, Instant now, ZoneId zone) {
        Map<String, List<ExchangeRecord>> bySignature = new LinkedHashMap<>();
        matches.stream()
                .sorted(Comparator.comparing(ExchangeRecord::startedAt))
                .forEach(record -> bySignature.computeIfAbsent(
                        record.signature() == null ? SUCCESS : record.signature(), key -> new ArrayList<>())
                        .add(record));
        List<Group> groups = new ArrayList<>();
        bySignature.forEach((signature, records) -> {
            Classification classification = records.get(records.size() - 1).classification();
            groups.add(new Group(signature,
                    classification == null ? null : classification.source().name(),
                    classification == null ? null : classification.retryable(),
                    classification == null ? null : classification.reason(),
                    classification == null ? null : trends.apply(signature).orElse(null),
                    records.size(), representatives(records)));
        });
        return new SupportBundle(ABOUT, Timestamps.format(now, zone), query, MASKING, List.copyOf(groups));
    }

    /** The first, one from the middle and the last of a time-ordered list; all of them when there are three or fewer. */
    static List<ExchangeRecord> representatives(List<ExchangeRecord> ordered) {
        if (ordered.size() <= REPRESENTATIVES) {
            return List.copyOf(ordered);
        }
        return List.of(ordered.get(0), ordered.get(ordered.size() / 2), ordered.get(ordered.size() - 1));
    }
}
