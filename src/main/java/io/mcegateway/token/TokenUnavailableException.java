package io.mcegateway.token;

import java.time.Duration;
import java.util.Optional;

/** No token could be had in time: the auth API kept failing (5xx, 429, network) or the bounded wait ran out. */
public class TokenUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public TokenUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param retryAfter how long the auth API asked clients to wait (its last Retry-After), or null */
    public TokenUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
