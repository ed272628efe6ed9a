package io.mcegateway.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Behaviour of an {@link MceSandbox}. Immutable; change a running sandbox with
 * {@link MceSandbox#updateSettings(java.util.function.UnaryOperator)} or {@code PATCH /sandbox/settings}.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks a free port. Ignored by {@code updateSettings}.
 * @param clients            client id to client secret, as accepted by {@code POST /v2/token}
 * @param tokenLifetime      how long an access token is honoured after issue (MCE: 20 minutes)
 * @param expiresInMargin    how much earlier than the lifetime {@code expires_in} tells clients to refresh
 *                           (MCE: 2 minutes, hence {@code expires_in} of about 1080 s)
 * @param duplicateKeyWindow how long a messageKey stays taken in a business unit (MCE says "2 days"
 *                           on the single-send pages and in its error text, "72 hours" elsewhere)
 * @param statusDelay        how long an accepted message reports Queued before it turns Sent or NotSent
 * @param notSentRatio       fraction of accepted messages that end NotSent, between 0 and 1
 * @param maxRecipients      recipients allowed in one send request (MCE: 2000, error 109101 above it)
 */
public record SandboxSettings(int port,
                              Map<String, String> clients,
                              Duration tokenLifetime,
                              Duration expiresInMargin,
                              Duration duplicateKeyWindow,
                              Duration statusDelay,
                              double notSentRatio,
                              int maxRecipients) {

    public static final String DEFAULT_CLIENT_ID = "sandbox-client-id";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-client-secret";

    public SandboxSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Objects.requireNonNull(clients, "clients");
        clients = Map.copyOf(clients);
        requirePositive(tokenLifetime, "tokenLifetime");
        requireNotNegative(expiresInMargin, "expiresInMargin");
        requireNotNegative(duplicateKeyWindow, "duplicateKeyWindow");
        requireNotNegative(statusDelay, "statusDelay");
        if (!(notSentRatio >= 0.0 && notSentRatio <= 1.0)) {
            throw new IllegalArgumentException("notSentRatio must be between 0 and 1, was " + notSentRatio);
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be at least 1, was " + maxRecipients);
        }
    }

    /** The values MCE documents, one client {@value #DEFAULT_CLIENT_ID}, and a random port. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(0,
                Map.of(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET),
                Duration.ofMinutes(20),
                Duration.ofMinutes(2),
                Duration.ofDays(2),
                Duration.ofSeconds(2),
                0.0,
                2000);
    }

    public SandboxSettings withPort(int newPort) {
        return new SandboxSettings(newPort, clients, tokenLifetime, expiresInMargin, duplicateKeyWindow,
                statusDelay, notSentRatio, maxRecipients);
    }

    public SandboxSettings withClients(Map<String, String> newClients) {
        return new SandboxSettings(port, newClients, tokenLifetime, expiresInMargin, duplicateKeyWindow,
                statusDelay, notSentRatio, maxRecipients);
    }

    /** Adds (or replaces) one accepted client, keeping the others. */
    public SandboxSettings withClient(String clientId, String clientSecret) {
        Map<String, String> merged = new LinkedHashMap<>(clients);
        merged.put(Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(clientSecret, "clientSecret"));
        return withClients(merged);
    }

    public SandboxSettings withTokenLifetime(Duration newLifetime) {
        return new SandboxSettings(port, clients, newLifetime, expiresInMargin, duplicateKeyWindow,
                statusDelay, notSentRatio, maxRecipients);
    }

    public SandboxSettings withExpiresInMargin(Duration newMargin) {
        return new SandboxSettings(port, clients, tokenLifetime, newMargin, duplicateKeyWindow,
                statusDelay, notSentRatio, maxRecipients);
    }

    public SandboxSettings withDuplicateKeyWindow(Duration newWindow) {
        return new SandboxSettings(port, clients, tokenLifetime, expiresInMargin, newWindow,
                statusDelay, notSentRatio, maxRecipients);
    }

    public SandboxSettings withStatusDelay(Duration newDelay) {
        return new SandboxSettings(port, clients, tokenLifetime, expiresInMargin, duplicateKeyWindow,
                newDelay, notSentRatio, maxRecipients);
    }

    public SandboxSettings withNotSentRatio(double newRatio) {
        return new SandboxSettings(port, clients, tokenLifetime, expiresInMargin, duplicateKeyWindow,
                statusDelay, newRatio, maxRecipients);
    }

    public SandboxSettings withMaxRecipients(int newMax) {
        return new SandboxSettings(port, clients, tokenLifetime, expiresInMargin, duplicateKeyWindow,
                statusDelay, notSentRatio, newMax);
    }

    /** Lists client ids only: the generated record toString would print the secrets into logs. */
    @Override
    public String toString() {
        return "SandboxSettings[port=" + port
                + ", clientIds=" + clients.keySet()
                + ", tokenLifetime=" + tokenLifetime
                + ", expiresInMargin=" + expiresInMargin
                + ", duplicateKeyWindow=" + duplicateKeyWindow
                + ", statusDelay=" + statusDelay
                + ", notSentRatio=" + notSentRatio
                + ", maxRecipients=" + maxRecipients + "]";
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
