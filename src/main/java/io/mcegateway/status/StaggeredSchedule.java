package io.mcegateway.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a scheduled flow runs: about every {@code interval}, each time moved by random jitter, starting at a random
 * point of the first interval (so instances and schedules do not run in step), and never close to a whole minute,
 * when many other clients' jobs hit MCE (guidance Point 7: "spikes ... at a specific moment (e.g., exactly at
 * XX:00:00) can trigger limits"). A timer ticks often and asks {@link #due()}; only a due tick does any work.
 */
public final class StaggeredSchedule {

    private static final long MINUTE_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(StaggeredSchedule.class);

    private final String name;
    private final Duration interval;
    private final double jitter;
    private final Duration minuteGuard;
    private final Clock clock;
    private final DoubleSupplier random;
    private Instant next;

    /**
     * @param jitter      spread of each interval, e.g. 0.2 for +/-20%
     * @param minuteGuard no run starts within this distance of a whole minute (before or after it)
     */
    public StaggeredSchedule(String name, Duration interval, double jitter, Duration minuteGuard, Clock clock,
            DoubleSupplier random) {
        if (minuteGuard.toMillis() * 2 >= MINUTE_MILLIS) {
            throw new IllegalArgumentException("The minute guard must leave part of each minute free");
        }
        this.name = name;
        this.interval = interval;
        this.jitter = jitter;
        this.minuteGuard = minuteGuard;
        this.clock = clock;
        this.random = random;
        this.next = offMinute(clock.instant().plusMillis(Math.round(interval.toMillis() * random.getAsDouble())));
    }

    /** True once per run: when the planned time has come. Plans the next run at the same moment. */
    public synchronized boolean due() {
        Instant now = clock.instant();
        if (now.isBefore(next) || nearMinute(now)) {
            return false;
        }
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        next = offMinute(now.plusMillis(Math.max(1, Math.round(interval.toMillis() * factor))));
        LOG.debug("{} run due; the next one at {}", name, next);
        return true;
    }

    /** The planned time of the next run. */
    public synchronized Instant next() {
        return next;
    }

    /** {@code at}, or a random point just after the guard that follows the minute it is close to. */
    Instant offMinute(Instant at) {
        if (!nearMinute(at)) {
            return at;
        }
        long millis = at.toEpochMilli();
        long minute = Math.round((double) millis / MINUTE_MILLIS) * MINUTE_MILLIS;
        // Spread over a second guard's length, so that instances pushed off the same minute do not meet again.
        return Instant.ofEpochMilli(minute + minuteGuard.toMillis() + 1
                + Math.round(minuteGuard.toMillis() * random.getAsDouble()));
    }

    boolean nearMinute(Instant at) {
        long intoMinute = Math.floorMod(at.toEpochMilli(), MINUTE_MILLIS);
        long guard = minuteGuard.toMillis();
        return intoMinute <= guard || intoMinute >= MINUTE_MILLIS - guard;
    }
}
