package io.mcegateway.mce;

import java.io.IOException;
import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.http.base.HttpOperationFailedException;

/** Reads what a failed MCE call means for retrying. */
public final class MceFailures {

    private MceFailures() {
    }

    /**
     * 5xx and 429 are temporary by MCE's own guidance, and so are network faults. 4xx are not: retrying a bad
     * request, a refused credential or a missing permission only repeats the failure.
     */
    public static boolean isRetryable(Throwable failure) {
        if (failure instanceof MceCallException typed) {
            return typed instanceof MceCallException.Retryable;
        }
        if (failure instanceof HttpOperationFailedException http) {
            return isRetryableStatus(http.getStatusCode());
        }
        return failure instanceof IOException;
    }

    public static boolean isRetryableStatus(int status) {
        return status >= 500 || status == 429;
    }

    public static Optional<Duration> retryAfter(Throwable failure, Instant now) {
        if (failure instanceof MceCallException.Retryable retryable) {
            return retryable.retryAfter();
        }
        if (failure instanceof HttpOperationFailedException http && http.getResponseHeaders() != null) {
            return http.getResponseHeaders().entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase("Retry-After"))
                    .findFirst()
                    .flatMap(header -> RetryAfter.parse(header.getValue(), now));
        }
        return Optional.empty();
    }

    /** A short description fit for logs: status or exception type, never a body or a URL query. */
    public static String describe(Throwable failure) {
        if (failure instanceof MceCallException typed) {
            return typed.status() == 0 ? typed.source() : "HTTP " + typed.status() + " from " + typed.source();
        }
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode();
        }
        return failure.getClass().getSimpleName();
    }
}
