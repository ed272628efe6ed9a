package io.mcegateway.sandbox;

import java.time.Duration;
import java.util.function.IntUnaryOperator;

/**
 * Computes {@code expires_in} for a new token. MCE tells clients to refresh two minutes before the 20-minute
 * lifetime ends (1080 s), and real responses count down (1079 s seen), so the sandbox subtracts up to 2 s at
 * random: a client that hard-codes 1080 or assumes a constant is caught. Short test lifetimes vary too, by 0 or
 * 1 s, from {@link #VARIES_FROM} on: were they constant, a test could not tell a client that reads
 * {@code expires_in} from one that hard-codes the lifetime it was configured with.
 */
final class ExpiresInPolicy {

    static final int MAX_JITTER_SECONDS = 2;
    /** Shorter tokens keep a constant {@code expires_in}: a second less would take half their life or more. */
    static final Duration VARIES_FROM = Duration.ofSeconds(3);

    private final IntUnaryOperator random;

    /** @param random given a bound n, returns a value in [0, n) */
    ExpiresInPolicy(IntUnaryOperator random) {
        this.random = random;
    }

    long expiresInSeconds(Duration lifetime, Duration margin) {
        // Test set-ups use lifetimes of a few seconds, shorter than the margin: still advise refreshing early.
        long advised = lifetime.compareTo(margin) <= 0
                ? lifetime.toMillis() * 9 / 10 / 1000
                : lifetime.minus(margin).toSeconds();
        return Math.max(1, advised - random.applyAsInt(jitterSeconds(lifetime) + 1));
    }

    /** Most seconds taken off: 2 for a real 20-minute token, 1 for a token of a few seconds, 0 below 3 s. */
    static int jitterSeconds(Duration lifetime) {
        if (lifetime.compareTo(VARIES_FROM) < 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(MAX_JITTER_SECONDS, lifetime.toSeconds() / 600));
    }
}
