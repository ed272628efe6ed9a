package io.mcegateway.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One misbehaviour the sandbox can show a client instead of (or on top of) the normal answer.
 * Build with the static factories; {@link Kind#wireName()} is the {@code type} used by the control API.
 *
 * @param kind              what goes wrong
 * @param status            HTTP status for {@link Kind#HTTP}; 0 otherwise
 * @param retryAfterSeconds {@code Retry-After} for {@link Kind#RATE_LIMIT} (null: the 50200 variant without it)
 *                          and for {@link Kind#HTTP} (a 503 always has one; other statuses only if given)
 * @param delay             wait for {@link Kind#LATENCY} and {@link Kind#LATE_RESPONSE}; zero otherwise
 */
public record Fault(Kind kind, int status, Integer retryAfterSeconds, Duration delay) {

    /** What goes wrong, and whether the request is still processed (reaches the simulated MCE). */
    public enum Kind {
        /** An HTTP error status with MCE's generic JSON error body; not processed. */
        HTTP("http", false),
        /** 429 with 50100 and {@code Retry-After}, or 50200 without it; not processed. */
        RATE_LIMIT("rate-limit", false),
        /** Waits, then processes and answers normally. */
        LATENCY("latency", true),
        /** Processes at once, then holds the answer back (typically past the client's timeout). */
        LATE_RESPONSE("late-response", true),
        /** Processes, then closes the connection without any answer: the outcome is unknown to the client. */
        RESPONSE_LOST("response-lost", true),
        /** A 502 HTML page as an intermediary proxy would send; not processed. */
        HTML_PROXY_ERROR("html-proxy-error", false),
        /** MCE's 401 Not Authorized although the token is valid; the token stays valid; not processed. */
        UNAUTHORIZED("unauthorized", false),
        /** Resets the connection (TCP RST) without an answer, instead of processing the request; not processed. */
        CONNECTION_RESET("connection-reset", false),
        /** No fault: a placeholder in a scripted sequence. */
        NONE("none", true);

        private final String wireName;
        private final boolean processed;

        Kind(String wireName, boolean processed) {
            this.wireName = wireName;
            this.processed = processed;
        }

        public String wireName() {
            return wireName;
        }

        /** Whether a request hit by this fault is still handled by the simulated MCE. */
        public boolean processed() {
            return processed;
        }

        public static Kind fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("Unknown fault type '" + name + "'");
        }
    }

    /** Retry-After sent with a 503 when none is given. */
    static final int DEFAULT_SERVICE_UNAVAILABLE_RETRY_AFTER = 1;

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (kind == Kind.HTTP && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("http fault status must be 400-599, was " + status);
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
    }

    /** An HTTP error with MCE's generic error body; a 503 carries {@code Retry-After: 1}. */
    public static Fault httpError(int status) {
        return new Fault(Kind.HTTP, status,
                status == 503 ? DEFAULT_SERVICE_UNAVAILABLE_RETRY_AFTER : null, Duration.ZERO);
    }

    /** A 503 (errorcode 50300) with the given {@code Retry-After}. */
    public static Fault serviceUnavailable(int retryAfterSeconds) {
        return httpError(503, retryAfterSeconds);
    }

    /** An HTTP error with MCE's generic error body and a {@code Retry-After} header. */
    public static Fault httpError(int status, int retryAfterSeconds) {
        return new Fault(Kind.HTTP, status, retryAfterSeconds, Duration.ZERO);
    }

    /** 429 with {@code Retry-After: n} and body errorcode 50100. */
    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(Kind.RATE_LIMIT, 429, retryAfterSeconds, Duration.ZERO);
    }

    /** 429 with body errorcode 50200 ("temporarily blocked") and no {@code Retry-After}. */
    public static Fault temporarilyBlocked() {
        return new Fault(Kind.RATE_LIMIT, 429, null, Duration.ZERO);
    }

    public static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, 0, null, delay);
    }

    public static Fault lateResponse(Duration delay) {
        return new Fault(Kind.LATE_RESPONSE, 0, null, delay);
    }

    public static Fault responseLost() {
        return new Fault(Kind.RESPONSE_LOST, 0, null, Duration.ZERO);
    }

    public static Fault htmlProxyError() {
        return new Fault(Kind.HTML_PROXY_ERROR, 502, null, Duration.ZERO);
    }

    public static Fault unauthorized() {
        return new Fault(Kind.UNAUTHORIZED, 401, null, Duration.ZERO);
    }

    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, 0, null, Duration.ZERO);
    }

    public static Fault none() {
        return new Fault(Kind.NONE, 0, null, Duration.ZERO);
    }

    /** Short label for the ledger and logs, e.g. {@code http-503}, {@code rate-limit}, {@code latency}. */
    public String label() {
        return kind == Kind.HTTP ? "http-" + status : kind.wireName().toLowerCase(Locale.ROOT);
    }
}
