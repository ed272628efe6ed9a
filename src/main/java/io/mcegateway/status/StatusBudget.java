package io.mcegateway.status;

import io.mcegateway.mce.CallAdmission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.camel.Exchange;

/**
 * The one budget of MCE status requests (lookups by messageKey and not-sent pages) of this gateway instance: at most
 * {@code maxRequests} per {@code period}, whoever asks (reconciliation, the send flow's unknown-outcome check, an
 * on-demand refresh). MCE rate-limits its status route without publishing a number, so the number is configured.
 *
 * <p>Two steps, because a call may wait for its business unit's call slot between them:
 * <ol>
 *   <li>{@link #reserve}, before the call: each caller gets the next slot on an even grid of
 *       {@code period / maxRequests}, so requests are levelled rather than sent in bursts (guidance Point 7), and waits
 *       for it outside the call slot, so a status check never holds up sends while it waits for its turn.</li>
 *   <li>{@link #admit}, inside the call slot just before the request leaves (a {@link CallAdmission}): counts the
 *       requests that actually left in the last period and waits only if one more would exceed the budget. Calls
 *       held up behind a send or a 429 pause would otherwise leave together; this is what makes the cap exact.</li>
 * </ol>
 * The admission window is a little longer than the period ({@value #MARGIN_PERCENT}%), so that the requests of any
 * one period, as MCE receives them a few milliseconds later, never exceed the budget either.
 */
public final class StatusBudget implements CallAdmission {

    /** Exchange property: longest this caller waits for a levelled slot (a {@link Duration}); default: one period. */
    public static final String MAX_WAIT = "gatewayStatusBudgetWait";

    static final int MARGIN_PERCENT = 1;

    private final int maxRequests;
    private final Duration period;
    private final Duration window;
    private final Duration spacing;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Instant> admitted = new ArrayDeque<>();
    private Instant lastSlot = Instant.EPOCH;

    public StatusBudget(int maxRequests, Duration period, Clock clock, Sleeper sleeper) {
        if (maxRequests < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A status budget needs at least one request per positive period");
        }
        this.maxRequests = maxRequests;
        this.period = period;
        this.window = period.plus(period.multipliedBy(MARGIN_PERCENT).dividedBy(100));
        this.spacing = window.dividedBy(maxRequests);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public int maxRequests() {
        return maxRequests;
    }

    /** Step 1 (route step before the MCE call): waits for this caller's levelled slot. */
    public void reserve(Exchange exchange) throws InterruptedException {
        Duration maxWait = exchange.getProperty(MAX_WAIT, period, Duration.class);
        sleeper.sleep(reserve(maxWait));
    }

    /**
     * Takes the next free slot and returns how long to wait for it, or throws, taking nothing, when that is longer
     * than {@code maxWait}.
     */
    public synchronized Duration reserve(Duration maxWait) {
        Instant now = clock.instant();
        Instant next = lastSlot.plus(spacing);
        Instant slot = next.isAfter(now) ? next : now;
        Duration wait = Duration.between(now, slot);
        if (wait.compareTo(maxWait) > 0) {
            throw new StatusBudgetExhaustedException(wait, maxWait);
        }
        lastSlot = slot;
        return wait;
    }

    /** Step 2 (inside the call slot): returns when one more request stays within the budget, and counts it. */
    @Override
    public void admit(Exchange exchange) throws InterruptedException {
        admitNow();
    }

    void admitNow() throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                while (!admitted.isEmpty() && !admitted.peekFirst().plus(window).isAfter(now)) {
                    admitted.removeFirst();
                }
                if (admitted.size() < maxRequests) {
                    admitted.addLast(now);
                    return;
                }
                wait = Duration.between(now, admitted.peekFirst().plus(window));
            }
            sleeper.sleep(wait);
        }
    }

    /** Requests admitted within the last period, for the metric. */
    public synchronized int used() {
        Instant since = clock.instant().minus(window);
        return (int) admitted.stream().filter(at -> at.isAfter(since)).count();
    }
}
