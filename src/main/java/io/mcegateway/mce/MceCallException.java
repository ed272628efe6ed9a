package io.mcegateway.mce;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to the MCE REST API, typed by what it means for the message: see the subclasses. Carries MCE's
 * status, errorcode and message (MCE's own text, which names the problem, not the recipient), never the request.
 */
public abstract class MceCallException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final String source;

    protected MceCallException(String message, int status, String errorCode, String source, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.source = source;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** MCE's errorcode, or null. */
    public String errorCode() {
        return errorCode;
    }

    /** Who produced the failure: MCE, INTERMEDIARY, CLIENT_TIMEOUT or NETWORK. */
    public String source() {
        return source;
    }

    /**
     * The request was refused with a 4xx other than 401/429: resending it cannot succeed. The source is MCE when the
     * answer has MCE's error body, else INTERMEDIARY (a proxy's or WAF's page, which says nothing about MCE).
     */
    public static final class Rejected extends MceCallException {
        public Rejected(String message, int status, String errorCode, String source, Throwable cause) {
            super(message, status, errorCode, source, cause);
        }

        /** True when MCE itself refused the request, rather than a device on the way. */
        public boolean byMce() {
            return "MCE".equals(source());
        }
    }

    /**
     * A temporary failure that certainly or by MCE's own word did no harm: MCE's 5xx or 429, or a connection that
     * could not be opened. Resending is safe.
     */
    public static final class Retryable extends MceCallException {
        private final Duration retryAfter;

        public Retryable(String message, int status, String errorCode, String source, Duration retryAfter,
                Throwable cause) {
            super(message, status, errorCode, source, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * The request may have reached MCE but no trustworthy answer came back: a read timeout, a connection lost after
     * sending, or an error page from a proxy in between. Resending blindly could send twice; ask MCE first.
     */
    public static final class OutcomeUnknown extends MceCallException {
        public OutcomeUnknown(String message, int status, String source, Throwable cause) {
            super(message, status, null, source, cause);
        }
    }
}
