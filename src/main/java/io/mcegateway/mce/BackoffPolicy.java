package io.mcegateway.mce;

import io.mcegateway.config.MceProperties.RetryProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: exponential with random jitter, unless the server said how long to wait
 * (Retry-After), which always wins, as the MCE guidance asks.
 */
public final class BackoffPolicy {

    private final RetryProperties retry;
    private final DoubleSupplier random;

    public BackoffPolicy(RetryProperties retry, DoubleSupplier random) {
        this.retry = retry;
        this.random = random;
    }

    public BackoffPolicy(RetryProperties retry) {
        this(retry, Math::random);
    }

    public int maxRedeliveries() {
        return retry.maxRedeliveries();
    }

    /**
     * @param redelivery 1 for the first retry, 2 for the second, ...
     */
    public Duration delayBefore(int redelivery, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        double base = retry.initialDelay().toMillis() * Math.pow(retry.multiplier(), Math.max(0, redelivery - 1));
        double capped = Math.min(base, retry.maxDelay().toMillis());
        // Jitter spreads retries of many clients hit by the same outage, so they do not return in one spike.
        double factor = 1 + retry.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(capped * factor)));
    }
}
