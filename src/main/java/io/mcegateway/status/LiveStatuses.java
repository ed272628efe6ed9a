package io.mcegateway.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcegateway.mce.MceFailures;
import io.mcegateway.send.Channel;
import io.mcegateway.send.LookupOutcome;
import io.mcegateway.send.MessageNotFoundException;
import io.mcegateway.send.MessageRecord;
import io.mcegateway.send.MessageReplies;
import io.mcegateway.send.MessageStatus;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.SendRequests;
import io.mcegateway.send.StatusChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/v1/{email|sms}/messages/{messageKey}?refresh=true} (route {@code refresh-message-status}): MCE's
 * live status of one message, shared. Of all the requests for a message within one cache period, the first one looks
 * it up at MCE and every other one gets that answer: requests that arrive while the lookup is under way wait for it
 * (single flight), later ones are answered from the cache until the period has passed since the answer came. So any
 * number of polling clients cause at most one MCE lookup per message per period. A failed lookup is shared and
 * cached the same way, so clients polling through an MCE outage do not add to it.
 *
 * <p>Only SUBMITTED and QUEUED messages are looked up: for the others the gateway's record already is the live
 * status (final, or not at MCE yet), and the reply says so.
 */
public final class LiveStatuses {

    /** Exchange property: true on the one request that looks the message up for everyone. */
    public static final String LEADER = "gatewayLiveStatusLeader";
    static final String ENTRY = "gatewayLiveStatusEntry";
    /** Above this many cached messages, expired ones are dropped. */
    static final int SWEEP_ABOVE = 10_000;

    private final MessageStore store;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Duration wait;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** What a lookup said, as shared with every request of its cache period. */
    record Live(boolean refreshed, String eventCategoryType, Instant checkedAt, String reason) {
    }

    private static final class Entry {
        final Instant startedAt;
        final CompletableFuture<Live> result = new CompletableFuture<>();
        volatile Instant completedAt;

        Entry(Instant startedAt) {
            this.startedAt = startedAt;
        }

        /** Past its cache period, or a lookup so long overdue that its leader must have gone. */
        boolean stale(Instant now, Duration ttl, Duration abandonAfter) {
            Instant done = completedAt;
            return done != null ? !now.isBefore(done.plus(ttl)) : !now.isBefore(startedAt.plus(abandonAfter));
        }
    }

    /**
     * @param ttl  how long an answer is reused (the cache period)
     * @param wait how long a request waits for a live answer: for its budget slot, or for another request's lookup
     */
    public LiveStatuses(MessageStore store, ObjectMapper json, Duration ttl, Duration wait, Clock clock) {
        this.store = store;
        this.json = json;
        this.ttl = ttl;
        this.wait = wait;
        this.clock = clock;
    }

    /**
     * Route step: decides whether this request looks the message up ({@value #LEADER}, body: the stored message) or
     * takes the answer of another request (waiting for it if it is under way).
     */
    public void join(Exchange exchange) throws InterruptedException {
        Channel channel = exchange.getProperty(SendRequests.CHANNEL, Channel.class);
        String messageKey = exchange.getProperty(SendRequests.MESSAGE_KEY, String.class);
        MessageRecord message = store.find(channel, messageKey)
                .orElseThrow(() -> new MessageNotFoundException(channel, messageKey));
        if (message.status() != MessageStatus.SUBMITTED && message.status() != MessageStatus.QUEUED) {
            share(exchange, new Live(false, null, null, message.status().isFinal()
                    ? message.status() + " is final: MCE's answer cannot change it"
                    : "Not at MCE yet (" + message.status() + "): nothing to look up"), false);
            return;
        }
        Instant now = clock.instant();
        if (entries.size() > SWEEP_ABOVE) {
            entries.values().removeIf(entry -> entry.stale(now, ttl, abandonAfter()));
        }
        Entry mine = new Entry(now);
        Entry current = entries.compute(channel + ":" + messageKey,
                (key, entry) -> entry == null || entry.stale(now, ttl, abandonAfter()) ? mine : entry);
        if (current == mine) {
            exchange.setProperty(LEADER, true);
            exchange.setProperty(ENTRY, mine);
            exchange.setProperty(StatusBudget.MAX_WAIT, wait);
            exchange.getMessage().setBody(message);
            return;
        }
        try {
            share(exchange, current.result.get(wait.toMillis(), TimeUnit.MILLISECONDS), true);
        } catch (TimeoutException e) {
            share(exchange, new Live(false, null, null, "MCE's answer to another request for this message is still "
                    + "outstanding; showing the gateway's record"), true);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Route step on the leader, always (also when the lookup failed): shares its answer for the cache period. */
    public void publish(Exchange exchange) {
        Entry entry = exchange.getProperty(ENTRY, Entry.class);
        LookupOutcome outcome = exchange.getProperty(StatusChecks.OUTCOME, LookupOutcome.class);
        Instant now = clock.instant();
        Live live;
        if (outcome == null || outcome == LookupOutcome.FAILED) {
            Throwable failure = exchange.getProperty(StatusChecks.FAILURE, Throwable.class);
            if (failure == null) {
                failure = exchange.getException();
            }
            live = new Live(false, null, now, "MCE's status lookup failed (" + (failure == null ? "no answer"
                    : MceFailures.describe(failure)) + "); showing the gateway's record");
        } else if (outcome == LookupOutcome.ABSENT) {
            live = new Live(false, null, now, "MCE has no status for this messageKey (yet); showing the gateway's "
                    + "record");
        } else {
            live = new Live(true, exchange.getProperty(StatusChecks.EVENT, String.class), now, null);
        }
        entry.completedAt = now;
        entry.result.complete(live);
        share(exchange, live, false);
    }

    private Duration abandonAfter() {
        // A leader that has not answered within its own wait, plus MCE's longest response time, is gone.
        return wait.plus(Duration.ofMinutes(2));
    }

    private void share(Exchange exchange, Live live, boolean cached) {
        ObjectNode node = json.createObjectNode();
        node.put("refreshed", live.refreshed());
        if (live.eventCategoryType() != null) {
            node.put("eventCategoryType", live.eventCategoryType());
        }
        if (live.checkedAt() != null) {
            node.put("checkedAt", live.checkedAt().toString());
            node.put("cached", cached);
        }
        if (live.reason() != null) {
            node.put("reason", live.reason());
        }
        exchange.setProperty(MessageReplies.LIVE, node);
    }
}
