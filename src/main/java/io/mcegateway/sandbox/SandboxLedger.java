package io.mcegateway.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What reached the sandbox: token requests, requests per route (with injected faults), accepted messageKeys
 * and duplicate rejections. It is the thing tests assert on ("was the message sent exactly once?").
 * A live, thread-safe view: every read returns a snapshot.
 *
 * <p>Channels are named {@code email} and {@code sms}. Counts per messageKey add up the business units.
 */
public final class SandboxLedger {

    private final List<TokenRequest> tokenRequests = new ArrayList<>();
    private final List<RouteRequest> routeRequests = new ArrayList<>();
    private final Map<String, Integer> requestCounts = new TreeMap<>();
    private final Map<AcceptanceKey, Acceptance> acceptances = new LinkedHashMap<>();
    /** channel to messageKey to acceptances over all business units: keeps per-key lookups O(1). */
    private final Map<String, Map<String, Integer>> acceptedTotals = new TreeMap<>();
    private final Map<String, Integer> duplicateRejections = new TreeMap<>();

    private record AcceptanceKey(String channel, BusinessUnit businessUnit, String messageKey) {
    }

    private static final class Acceptance {
        private final String definitionKey;
        private final Instant firstAcceptedAt;
        private int count;

        Acceptance(String definitionKey, Instant firstAcceptedAt) {
            this.definitionKey = definitionKey;
            this.firstAcceptedAt = firstAcceptedAt;
        }
    }

    // ---- reads -------------------------------------------------------------------------------------------

    /** Times {@code messageKey} was accepted on {@code channel}, over all business units. */
    public synchronized int acceptedCount(String channel, String messageKey) {
        return acceptedTotals.getOrDefault(channelName(channel), Map.of()).getOrDefault(messageKey, 0);
    }

    /** messageKey to times accepted on {@code channel}, over all business units, in order of first acceptance. */
    public synchronized Map<String, Integer> acceptedCounts(String channel) {
        return new LinkedHashMap<>(acceptedTotals.getOrDefault(channelName(channel), Map.of()));
    }

    /** Every accepted messageKey on {@code channel}, per business unit, in order of first acceptance. */
    public synchronized List<AcceptedMessage> acceptedMessages(String channel) {
        String name = channelName(channel);
        List<AcceptedMessage> result = new ArrayList<>();
        acceptances.forEach((key, a) -> {
            if (key.channel().equals(name)) {
                result.add(new AcceptedMessage(name, key.businessUnit(), key.messageKey(), a.definitionKey,
                        a.firstAcceptedAt, a.count));
            }
        });
        return result;
    }

    /** Recipients rejected with 109110 (messageKey reused within the window) on {@code channel}. */
    public synchronized int duplicateRejections(String channel) {
        return duplicateRejections.getOrDefault(channelName(channel), 0);
    }

    public synchronized int tokenRequestCount() {
        return tokenRequests.size();
    }

    public synchronized List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** Requests to one route, oldest first. */
    public synchronized List<RouteRequest> requests(String routeId) {
        return routeRequests.stream().filter(r -> r.routeId().equals(routeId)).toList();
    }

    /** Requests to all routes, in the order they completed. */
    public synchronized List<RouteRequest> requests() {
        return List.copyOf(routeRequests);
    }

    public synchronized int requestCount(String routeId) {
        return requestCounts.getOrDefault(routeId, 0);
    }

    /** Request counts per route id, for every route that saw a request. */
    public synchronized Map<String, Integer> requestCounts() {
        return new TreeMap<>(requestCounts);
    }

    // ---- writes (by the sandbox) -------------------------------------------------------------------------

    synchronized void recordTokenRequest(TokenRequest request) {
        tokenRequests.add(request);
    }

    synchronized void recordRequest(RouteRequest request) {
        routeRequests.add(request);
        requestCounts.merge(request.routeId(), 1, Integer::sum);
    }

    synchronized void recordAcceptance(Channel channel, BusinessUnit businessUnit, String messageKey,
                                       String definitionKey, Instant at) {
        acceptances.computeIfAbsent(new AcceptanceKey(channel.wireName(), businessUnit, messageKey),
                key -> new Acceptance(definitionKey, at)).count++;
        acceptedTotals.computeIfAbsent(channel.wireName(), name -> new LinkedHashMap<>()).merge(messageKey, 1, Integer::sum);
    }

    synchronized void recordDuplicateRejection(Channel channel) {
        duplicateRejections.merge(channel.wireName(), 1, Integer::sum);
    }

    synchronized void clear() {
        tokenRequests.clear();
        routeRequests.clear();
        requestCounts.clear();
        acceptances.clear();
        acceptedTotals.clear();
        duplicateRejections.clear();
    }

    private static String channelName(String channel) {
        return Channel.fromWireName(channel).wireName();
    }
}
