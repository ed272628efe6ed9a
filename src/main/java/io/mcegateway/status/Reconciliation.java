package io.mcegateway.status;

import io.mcegateway.mce.MceCallException;
import io.mcegateway.mce.MceFailures;
import io.mcegateway.send.LookupOutcome;
import io.mcegateway.send.MessageRecord;
import io.mcegateway.send.MessageStatus;
import io.mcegateway.send.StatusChecks;
import io.mcegateway.status.ReconciliationStore.CheckState;
import io.mcegateway.status.ReconciliationStore.Cursor;
import io.mcegateway.status.ReconciliationStore.Feed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled reconciliation of SUBMITTED and QUEUED messages (route {@code reconcile-message-statuses}): which
 * messages a run checks, and what each lookup's outcome means for the message's schedule.
 *
 * <ul>
 *   <li>A run claims at most what the status budget allows in one run interval, so claims never pile up behind the
 *       budget; business units whose lookups are pausing after failures ({@link StatusBackoff}) are left out.</li>
 *   <li>Each message is looked up {@code checkDelays[0]} after submission, then {@code checkDelays[1]} after its
 *       first lookup, and so on; the last delay repeats. Each delay is spread by jitter.</li>
 *   <li>A due message waits for the next read of its not-sent list, so that NotSent outcomes arrive by the page
 *       and only messages the list did not settle are looked up one by one; if the list cannot be read for two poll
 *       intervals, lookups go ahead without it.</li>
 *   <li>It stops at SENT or NOT_SENT, or when MCE's status history (3 days) has passed: then the message becomes
 *       UNKNOWN, with the reason.</li>
 * </ul>
 */
public final class Reconciliation {

    /** {@code last_error_code} of a message whose outcome MCE can no longer tell. */
    public static final String HISTORY_PASSED = "STATUS_HISTORY_PASSED";

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final ReconciliationStore store;
    private final StatusBackoff backoff;
    private final List<Duration> checkDelays;
    private final double checkDelayJitter;
    private final Duration historyWindow;
    private final Duration notSentGrace;
    private final int runAllowance;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final DoubleSupplier random;
    private final MeterRegistry meters;
    private int runs;

    /**
     * @param runAllowance   most messages one run claims: the budget's share of one run interval
     * @param notSentGrace   how long a due message waits for a read of its not-sent list at most
     */
    public Reconciliation(ReconciliationStore store, StatusBackoff backoff, List<Duration> checkDelays,
            double checkDelayJitter, Duration historyWindow, Duration notSentGrace, int runAllowance, String owner,
            Duration lease, Clock clock, DoubleSupplier random, MeterRegistry meters) {
        if (checkDelays.isEmpty()) {
            throw new IllegalArgumentException("At least one check delay is needed");
        }
        this.store = store;
        this.backoff = backoff;
        this.checkDelays = List.copyOf(checkDelays);
        this.checkDelayJitter = checkDelayJitter;
        this.historyWindow = historyWindow;
        this.notSentGrace = notSentGrace;
        this.runAllowance = Math.max(1, runAllowance);
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
        this.random = random;
        this.meters = meters;
    }

    /** Route step: messages older than MCE's status history become UNKNOWN; MCE could no longer tell. */
    public void expire(Exchange exchange) {
        Instant cutoff = clock.instant().minus(historyWindow);
        for (MessageStatus status : List.of(MessageStatus.SUBMITTED, MessageStatus.QUEUED)) {
            int expired = store.expire(status, cutoff, HISTORY_PASSED, historyPassed(status));
            if (expired > 0) {
                LOG.warn("{} {} message(s) became UNKNOWN: MCE's status history of {} has passed without a final "
                        + "status", expired, status, historyWindow);
                Counter.builder("gateway.reconciliation.expired")
                        .description("Messages that became UNKNOWN because MCE's status history passed")
                        .register(meters).increment(expired);
            }
        }
    }

    /** Route step: the body becomes the messages this run checks, claimed for this instance. */
    public void claim(Exchange exchange) {
        Instant now = clock.instant();
        List<Feed> feeds = new ArrayList<>(store.openFeeds());
        // Start with a different feed each run, so one business unit's backlog cannot starve another's.
        if (!feeds.isEmpty()) {
            Collections.rotate(feeds, -(runs++ % feeds.size()));
        }
        List<MessageRecord> claimed = new ArrayList<>();
        for (Feed feed : feeds) {
            if (claimed.size() >= runAllowance) {
                break;
            }
            if (backoff.paused(feed.businessUnit())) {
                continue;
            }
            claimed.addAll(store.claimDue(feed, dueBy(feed, now), checkDelays.get(0), owner, lease,
                    runAllowance - claimed.size()));
        }
        exchange.getMessage().setBody(claimed);
    }

    /** Messages due by this time may be looked up one by one: the not-sent list was read after they became due. */
    private Instant dueBy(Feed feed, Instant now) {
        Cursor cursor = store.cursor(feed);
        Instant fallback = now.minus(notSentGrace);
        Instant read = cursor.drainedAt() == null || cursor.drainedAt().isBefore(fallback) ? fallback
                : cursor.drainedAt();
        return read.isAfter(now) ? now : read;
    }

    /** Route predicate: the message's business unit is pausing its status lookups after failures. */
    public boolean paused(Exchange exchange) {
        return backoff.paused(exchange.getMessage().getBody(MessageRecord.class).businessUnit());
    }

    /** Route step: gives back a message this run will not check after all; it stays due. */
    public void release(Exchange exchange) {
        MessageRecord message = exchange.getMessage().getBody(MessageRecord.class);
        store.release(message.channel(), message.messageKey(), owner);
    }

    /** Route step after the lookup: what its outcome means for the message's schedule. */
    public void checked(Exchange exchange) {
        MessageRecord message = exchange.getProperty(StatusChecks.MESSAGE, MessageRecord.class);
        LookupOutcome outcome = exchange.getProperty(StatusChecks.OUTCOME, LookupOutcome.class);
        String businessUnit = message.businessUnit();
        if (outcome == null || outcome == LookupOutcome.FAILED) {
            Throwable failure = exchange.getProperty(StatusChecks.FAILURE, Throwable.class);
            if (failure instanceof StatusBudgetExhaustedException) {
                // Nothing reached MCE: the message keeps its turn.
                store.release(message.channel(), message.messageKey(), owner);
                return;
            }
            Optional<Duration> retryAfter = failure instanceof MceCallException.Retryable retryable
                    ? retryable.retryAfter() : Optional.empty();
            backoff.failed(businessUnit, retryAfter, failure == null ? "no outcome" : MceFailures.describe(failure));
            scheduleNext(message);
            return;
        }
        backoff.succeeded(businessUnit);
        switch (outcome) {
            case SENT, NOT_SENT -> {
                // Final; the lookup has recorded it.
            }
            case QUEUED -> scheduleNext(message);
            case ABSENT -> {
                if (historyHasPassed(message)) {
                    store.markUnknown(message.channel(), message.messageKey(), HISTORY_PASSED,
                            historyPassed(message.status()));
                } else {
                    LOG.debug("MCE has no status yet for {}, which it accepted; looking again later", message);
                    scheduleNext(message);
                }
            }
            default -> throw new IllegalStateException("Unexpected lookup outcome " + outcome);
        }
    }

    private void scheduleNext(MessageRecord message) {
        Optional<CheckState> state = store.checkState(message.channel(), message.messageKey());
        int checksAfterThis = state.map(CheckState::statusChecks).orElse(0) + 1;
        store.scheduleNext(message.channel(), message.messageKey(), clock.instant().plus(delayAfter(checksAfterThis)));
    }

    /** Delay after the {@code checks}-th lookup: the configured steps, the last one repeating, with jitter. */
    Duration delayAfter(int checks) {
        Duration base = checkDelays.get(Math.min(checks, checkDelays.size() - 1));
        double factor = 1 + checkDelayJitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }

    private boolean historyHasPassed(MessageRecord message) {
        Instant submitted = message.submittedAt() != null ? message.submittedAt() : message.createdAt();
        return !submitted.plus(historyWindow).isAfter(clock.instant());
    }

    private String historyPassed(MessageStatus lastKnown) {
        String window = historyWindow.toHours() >= 24 && historyWindow.toHours() % 24 == 0
                ? historyWindow.toDays() + " days" : historyWindow.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        return "MCE keeps send statuses for " + window + " and gave no final status within that time (last known: "
                + lastKnown + "); whether the message was sent can no longer be learned";
    }
}
