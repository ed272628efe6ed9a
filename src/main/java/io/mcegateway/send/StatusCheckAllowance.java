package io.mcegateway.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many messages with an unknown send outcome the poller may claim now: as many as the status budget can look
 * up, refilled at the budget's rate ({@code mce.status.max-checks-per-period} per {@code budget-period}) and holding
 * at most one period's worth. Claimed faster, they would wait in the unknown-outcome queue with their leases running
 * out, and a full queue would hold up the poller and every fresh message with it.
 */
public final class StatusCheckAllowance {

    private final int perPeriod;
    private final Duration period;
    private final Clock clock;
    private double available;
    private Instant refilledAt;

    public StatusCheckAllowance(int perPeriod, Duration period, Clock clock) {
        this.perPeriod = perPeriod;
        this.period = period;
        this.clock = clock;
        this.available = perPeriod;
        this.refilledAt = clock.instant();
    }

    /** Whole lookups that may be claimed now. */
    public synchronized int available() {
        Instant now = clock.instant();
        double earned = (double) perPeriod * Duration.between(refilledAt, now).toNanos() / period.toNanos();
        available = Math.min(perPeriod, available + earned);
        refilledAt = now;
        return (int) available;
    }

    /** {@code lookups} were claimed. */
    public synchronized void take(int lookups) {
        available = Math.max(0, available - lookups);
    }
}
