package io.mcegateway.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled status work per business unit: after a failed lookup (MCE's 5xx, a timeout, no connection), no further
 * scheduled lookup for that business unit until a pause has passed, doubling with each failure in a row up to a
 * maximum, with jitter; MCE's Retry-After wins when it is longer. One success ends it. So while MCE's status route
 * fails, reconciliation sends one probe per pause instead of a storm, and resumes on its own once it works again.
 */
public final class StatusBackoff {

    private static final Logger LOG = LoggerFactory.getLogger(StatusBackoff.class);

    private final Duration initialPause;
    private final Duration maxPause;
    private final double jitter;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private record State(int failures, Instant pausedUntil) {
    }

    public StatusBackoff(Duration initialPause, Duration maxPause, double jitter, Clock clock, DoubleSupplier random) {
        this.initialPause = initialPause;
        this.maxPause = maxPause;
        this.jitter = jitter;
        this.clock = clock;
        this.random = random;
    }

    /** True while scheduled lookups for {@code key} must wait. */
    public boolean paused(String key) {
        State state = states.get(key);
        return state != null && state.pausedUntil().isAfter(clock.instant());
    }

    /** A lookup for {@code key} failed: pause, longer than the last time. Returns the pause. */
    public Duration failed(String key, Optional<Duration> retryAfter, String reason) {
        State state = states.compute(key, (k, previous) -> {
            int failures = previous == null ? 1 : previous.failures() + 1;
            Duration pause = pause(failures);
            if (retryAfter.isPresent() && retryAfter.get().compareTo(pause) > 0) {
                pause = retryAfter.get();
            }
            return new State(failures, clock.instant().plus(pause));
        });
        Duration pause = Duration.between(clock.instant(), state.pausedUntil());
        LOG.warn("MCE status lookups for '{}' failed {} time(s) in a row ({}); scheduled lookups pause for {} ms",
                key, state.failures(), reason, pause.toMillis());
        return pause;
    }

    /** A lookup for {@code key} worked: no pause. */
    public void succeeded(String key) {
        State previous = states.remove(key);
        if (previous != null) {
            LOG.info("MCE status lookups for '{}' work again after {} failure(s)", key, previous.failures());
        }
    }

    Duration pause(int failures) {
        double base = initialPause.toMillis() * Math.pow(2, Math.min(failures - 1, 30));
        double capped = Math.min(base, maxPause.toMillis());
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(capped * factor));
    }
}
