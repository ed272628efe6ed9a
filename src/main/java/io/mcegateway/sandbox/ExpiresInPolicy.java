package io.mcegateway.sandbox;

import java.time.Duration;
import java.util.function.IntUnaryOperator;

/**
 * Computes {@code expires_in} for a new token. MCE tells clients to refresh two minutes before the 20-minute
 * lifetime ends (1080 s), and real responses count down (1079 s seen), so the sandbox subtracts 0-2 s at
 * random: a client that hard-codes 1080 or assumes a constant is caught.
 */
final class ExpiresInPolicy {

    static final int MAX_JITTER_SECONDS = 2;

    private final IntUnaryOperator random;

    /** @param random given a bound n, returns a value in [0, n) */
    ExpiresInPolicy(IntUnaryOperator random) {
        this.random = random;
    }

    long expiresInSeconds(Duration lifetime, Duration margin) {
        if (lifetime.compareTo(margin) <= 0) {
            // Test set-ups use lifetimes of a few seconds, shorter than the margin: still advise refreshing early.
            return Math.max(1, lifetime.toMillis() * 9 / 10 / 1000);
        }
        long advised = lifetime.minus(margin).toSeconds();
        // The countdown is a fraction of a percent of a real 20-minute token; a few-second test token keeps the
        // same proportion (none), or the jitter alone would halve its life.
        int jitter = (int) Math.min(MAX_JITTER_SECONDS, lifetime.toSeconds() / 600);
        return Math.max(1, advised - random.applyAsInt(jitter + 1));
    }
}
