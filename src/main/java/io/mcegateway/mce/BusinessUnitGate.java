package io.mcegateway.mce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per business unit: at most {@code permits} MCE REST calls at a time, and none at all while MCE's rate limit
 * pause runs. A 429 closes the gate for Retry-After (or a configured pause when MCE sends none, as with 50200) for
 * every call to that business unit, not just the one that got it, on every instance sharing the database. With one
 * permit the pause is exact within an instance: no request can be on its way while the 429 is being read.
 */
public final class BusinessUnitGate {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessUnitGate.class);

    private final int permits;
    private final Duration defaultPause;
    private final Duration maxWait;
    private final Clock clock;
    private final SharedPauses shared;
    private final Map<String, Unit> units = new ConcurrentHashMap<>();

    public BusinessUnitGate(int permits, Duration defaultPause, Duration maxWait, Clock clock, SharedPauses shared) {
        this.permits = permits;
        this.defaultPause = defaultPause;
        this.maxWait = maxWait;
        this.clock = clock;
        this.shared = shared;
    }

    /** Waits for a permit and for any pause to end. */
    public void enter(String businessUnit) throws InterruptedException {
        Unit unit = unit(businessUnit);
        if (!unit.permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("No MCE call slot for business unit '" + businessUnit + "' within "
                    + maxWait);
        }
        try {
            // Another instance may have met a 429: its pause counts here too.
            Instant elsewhere = shared.pausedUntil(businessUnit);
            if (elsewhere != null) {
                unit.extendPause(elsewhere);
            }
            unit.waitForPauseEnd(clock);
        } catch (InterruptedException | RuntimeException e) {
            unit.permits.release();
            throw e;
        }
    }

    public void leave(String businessUnit) {
        unit(businessUnit).permits.release();
    }

    /** After a 429: no call to this business unit until the pause is over. Returns the pause applied. */
    public Duration pause(String businessUnit, Duration retryAfter) {
        Duration pause = retryAfter != null ? retryAfter : defaultPause;
        Instant until = clock.instant().plus(pause);
        unit(businessUnit).extendPause(until);
        shared.pauseUntil(businessUnit, until);
        LOG.warn("MCE rate limit (429) for business unit '{}': all calls paused for {} ms{}", businessUnit,
                pause.toMillis(), retryAfter != null ? " (Retry-After)" : " (no Retry-After: configured pause)");
        return pause;
    }

    /** When the current pause ends, or null when calls may go. */
    public Instant pausedUntil(String businessUnit) {
        Instant until = unit(businessUnit).pausedUntil;
        return until != null && until.isAfter(clock.instant()) ? until : null;
    }

    private Unit unit(String businessUnit) {
        return units.computeIfAbsent(businessUnit, name -> new Unit(permits));
    }

    private static final class Unit {
        final Semaphore permits;
        volatile Instant pausedUntil;

        Unit(int permits) {
            this.permits = new Semaphore(permits, true);
        }

        synchronized void extendPause(Instant until) {
            if (pausedUntil == null || until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }

        void waitForPauseEnd(Clock clock) throws InterruptedException {
            while (true) {
                Instant until = pausedUntil;
                long wait = until == null ? 0 : Duration.between(clock.instant(), until).toMillis();
                if (wait <= 0) {
                    return;
                }
                synchronized (this) {
                    wait(wait);
                }
            }
        }
    }
}
