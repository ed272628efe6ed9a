package io.mcegateway.exchangelog;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP exchange with MCE as written to the exchange log and kept for support bundles: everything the
 * guidance asks a support case to contain (timestamp with zone, method, URL, status, headers and bodies of both
 * directions), plus what the gateway knows about it (route, the business route it was made for, messageKeys,
 * attempt, business unit, classification).
 * <p>
 * Every field is masked already. The only way to build one is {@link #masked}, which runs each raw part through
 * the {@link Masker}, so an unmasked record cannot be built by accident. Immutable; serialises with Jackson to one
 * JSON object in the field order below.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"timestamp", "method", "url", "status", "durationMs", "requestHeaders", "requestBody",
        "responseHeaders", "responseBody", "route", "fromRoute", "messageKeys", "attempt", "businessUnit", "classification",
        "error"})
public final class ExchangeRecord {

    private static final int MAX_CAUSES = 4;

    @JsonIgnore
    private final Instant startedAt;
    private final String timestamp;
    private final String method;
    private final String url;
    private final Integer status;
    private final long durationMs;
    private final Map<String, List<String>> requestHeaders;
    private final String requestBody;
    private final Map<String, List<String>> responseHeaders;
    private final String responseBody;
    private final String route;
    private final String fromRoute;
    private final List<String> messageKeys;
    private final int attempt;
    private final String businessUnit;
    private final Classification classification;
    private final String error;
    @JsonIgnore
    private final long approximateBytes;

    private ExchangeRecord(Masker masker, RawExchange raw, Classification classification, ZoneId zone) {
        // The request says who the exchange is about; MCE's answer and the error may repeat it in prose.
        Masker exchange = masker.forRequest(raw.requestBody(), contentType(raw.requestHeaders()), raw.url());
        this.startedAt = raw.startedAt();
        this.timestamp = Timestamps.format(raw.startedAt(), zone);
        this.method = raw.method();
        this.url = exchange.maskUrl(raw.url());
        this.status = raw.status();
        this.durationMs = raw.durationMs();
        this.requestHeaders = Collections.unmodifiableMap(exchange.maskHeaders(raw.requestHeaders()));
        this.requestBody = exchange.maskBody(raw.requestBody(), contentType(raw.requestHeaders()));
        this.responseHeaders = Collections.unmodifiableMap(exchange.maskHeaders(raw.responseHeaders()));
        this.responseBody = exchange.maskBody(raw.responseBody(), contentType(raw.responseHeaders()));
        this.route = masker.maskIdentifier(raw.route());
        this.fromRoute = masker.maskIdentifier(raw.fromRoute());
        this.messageKeys = raw.messageKeys().stream().map(masker::maskIdentifier).toList();
        this.attempt = raw.attempt();
        this.businessUnit = masker.maskIdentifier(raw.businessUnit());
        this.classification = classification;
        this.error = raw.failure() == null ? null : exchange.maskText(describe(raw.failure()));
        this.approximateBytes = estimateBytes();
    }

    /**
     * The record of {@code raw}, every part masked.
     *
     * @param classification null for a successful exchange
     * @param zone           the zone the timestamp is written in
     */
    public static ExchangeRecord masked(Masker masker, RawExchange raw, Classification classification,
            ZoneId zone) {
        return new ExchangeRecord(masker, raw, classification, zone);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String timestamp() {
        return timestamp;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Integer status() {
        return status;
    }

    public long durationMs() {
        return durationMs;
    }

    public Map<String, List<String>> requestHeaders() {
        return requestHeaders;
    }

    public String requestBody() {
        return requestBody;
    }

    public Map<String, List<String>> responseHeaders() {
        return responseHeaders;
    }

    public String responseBody() {
        return responseBody;
    }

    public String route() {
        return route;
    }

    /** The business route the call was made for ({@code send-batch}, {@code check-message-status}, ...). */
    public String fromRoute() {
        return fromRoute;
    }

    public List<String> messageKeys() {
        return messageKeys;
    }

    public int attempt() {
        return attempt;
    }

    public String businessUnit() {
        return businessUnit;
    }

    public Classification classification() {
        return classification;
    }

    /** The failure's type and message chain, masked; null when the exchange did not throw. */
    public String error() {
        return error;
    }

    /** The error signature, or null for a successful exchange. */
    public String signature() {
        return classification == null ? null : classification.signature();
    }

    /** A rough size in memory, for the store's byte bound: two bytes a character plus fixed overheads. */
    public long approximateBytes() {
        return approximateBytes;
    }

    @Override
    public String toString() {
        return "ExchangeRecord[" + timestamp + " " + method + " " + url + " -> " + status + "]";
    }

    private long estimateBytes() {
        long chars = length(timestamp) + length(method) + length(url) + length(requestBody) + length(responseBody)
                + length(route) + length(fromRoute) + length(businessUnit) + length(error) + headerChars(requestHeaders)
                + headerChars(responseHeaders);
        for (String key : messageKeys) {
            chars += length(key) + 16;
        }
        return 2 * chars + 256;
    }

    private static long headerChars(Map<String, List<String>> headers) {
        long chars = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            chars += length(header.getKey()) + 32;
            for (String value : header.getValue()) {
                chars += length(value) + 16;
            }
        }
        return chars;
    }

    private static long length(String value) {
        return value == null ? 0 : value.length();
    }

    private static String contentType(Map<String, ?> headers) {
        for (Map.Entry<String, ?> header : headers.entrySet()) {
            if ("content-type".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                return String.valueOf(header.getValue());
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES && seen.add(t); t = t.getCause(), depth++) {
            if (depth > 0) {
                out.append("; caused by ");
            }
            out.append(t.getClass().getName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }
}
