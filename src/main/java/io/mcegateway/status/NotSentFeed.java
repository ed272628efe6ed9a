package io.mcegateway.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.mce.MceCallException;
import io.mcegateway.mce.MceFailures;
import io.mcegateway.mce.MceRestCall;
import io.mcegateway.status.ReconciliationStore.Cursor;
import io.mcegateway.status.ReconciliationStore.Feed;
import io.mcegateway.status.ReconciliationStore.NotSentEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCE's not-sent list ({@code GET /messaging/v1/{email|sms}/messages/?type=notSent&$pageSize=N&lastEventId=K}, one
 * list per business unit and channel) read a page at a time from a persisted cursor (route
 * {@code poll-not-sent-events}). Each event names a messageKey; the gateway's open message with that key in that
 * business unit and channel becomes NOT_SENT with MCE's statusCode and statusMessage, so NotSent outcomes cost one
 * request per page instead of one per message.
 *
 * <p>A list is read only when one of its messages has become due for a lookup since the last read reached the end:
 * the read then settles the NotSent ones before they would be looked up one by one, and an idle gateway sends
 * nothing. MCE publishes no maximum page size: a page shorter than asked ends the read, and what a smaller cap left
 * unread comes with the next read, from the cursor.
 */
public final class NotSentFeed {

    static final String FEED = "gatewayNotSentFeed";
    /** Exchange property the page loop runs on: true while the last page was full and the page cap is not reached. */
    public static final String MORE = "gatewayNotSentMore";
    static final String CURSOR = "gatewayNotSentCursor";
    static final String PAGES = "gatewayNotSentPages";
    static final String REQUESTED_AT = "gatewayNotSentRequestedAt";
    static final String DRAINED_AT = "gatewayNotSentDrainedAt";

    private static final Logger LOG = LoggerFactory.getLogger(NotSentFeed.class);

    private final ReconciliationStore store;
    private final StatusBackoff backoff;
    private final StatusBudget budget;
    private final ObjectMapper json;
    private final int pageSize;
    private final int maxPages;
    private final Duration firstCheckDelay;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final MeterRegistry meters;

    public NotSentFeed(ReconciliationStore store, StatusBackoff backoff, StatusBudget budget, ObjectMapper json,
            int pageSize, int maxPages, Duration firstCheckDelay, String owner, Duration lease, Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.backoff = backoff;
        this.budget = budget;
        this.json = json;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
        this.firstCheckDelay = firstCheckDelay;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
        this.meters = meters;
    }

    /** Backoff key of a feed: failures of the list do not pause lookups by messageKey, and the other way round. */
    static String backoffKey(Feed feed) {
        return feed.businessUnit() + "/not-sent";
    }

    /** Route step: the body becomes the lists to read now, each claimed for this instance. */
    public void feedsToRead(Exchange exchange) {
        Instant now = clock.instant();
        List<Feed> toRead = new ArrayList<>();
        for (Feed feed : store.openFeeds()) {
            if (backoff.paused(backoffKey(feed))) {
                continue;
            }
            Cursor cursor = store.cursor(feed);
            Instant readUpTo = cursor.drainedAt() == null ? Instant.EPOCH : cursor.drainedAt();
            if (store.dueBetween(feed, readUpTo, now, firstCheckDelay) && store.claimFeed(feed, owner, lease)) {
                toRead.add(feed);
            }
        }
        exchange.getMessage().setBody(toRead);
    }

    /** Route step, once per list: starts reading at the stored cursor. */
    public void begin(Exchange exchange) {
        Feed feed = exchange.getMessage().getBody(Feed.class);
        exchange.setProperty(FEED, feed);
        exchange.setProperty(CURSOR, store.cursor(feed).lastEventId());
        exchange.setProperty(PAGES, 0);
        exchange.setProperty(MORE, true);
        exchange.removeProperty(DRAINED_AT);
    }

    /** Route step, per page: the MCE call for the page after the cursor. */
    public void preparePage(Exchange exchange) {
        Feed feed = exchange.getProperty(FEED, Feed.class);
        exchange.setProperty(MceRestCall.METHOD, "GET");
        exchange.setProperty(MceRestCall.PATH, "messaging/v1/" + feed.channel().path()
                + "/messages/?type=notSent&$pageSize=" + pageSize + "&lastEventId="
                + exchange.getProperty(CURSOR, Long.class));
        exchange.setProperty(MceRestCall.UNIT, feed.businessUnit());
        exchange.setProperty(MceRestCall.ADMISSION, budget);
        exchange.setProperty(REQUESTED_AT, clock.instant());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
    }

    /** Route step, per page: NotSent for the page's messages, cursor forward, and whether to read on. */
    public void applyPage(Exchange exchange) throws Exception {
        Feed feed = exchange.getProperty(FEED, Feed.class);
        JsonNode page = json.readTree(exchange.getMessage().getBody(String.class));
        long cursor = exchange.getProperty(CURSOR, Long.class);
        long last = cursor;
        List<NotSentEvent> events = new ArrayList<>();
        JsonNode items = page.path("messages");
        for (JsonNode item : items) {
            last = Math.max(last, item.path("eventID").asLong(0));
            String messageKey = item.path("info").path("messageKey").asText(null);
            if (messageKey != null) {
                events.add(new NotSentEvent(messageKey, item.hasNonNull("statusCode")
                        ? item.get("statusCode").asInt() : null, item.path("statusMessage").asText(null)));
            }
        }
        // The answer's field is lastEventID (the request's parameter is lastEventId).
        last = Math.max(last, page.path("lastEventID").asLong(0));
        int changed = store.applyNotSent(feed, events);
        if (last > cursor) {
            store.advance(feed, last);
        }
        int pages = exchange.getProperty(PAGES, Integer.class) + 1;
        boolean full = items.size() >= pageSize;
        exchange.setProperty(CURSOR, last);
        exchange.setProperty(PAGES, pages);
        exchange.setProperty(MORE, full && pages < maxPages);
        if (!full) {
            exchange.setProperty(DRAINED_AT, exchange.getProperty(REQUESTED_AT, Instant.class));
        }
        backoff.succeeded(backoffKey(feed));
        pageCounter(feed, "ok").increment();
        if (changed > 0) {
            Counter.builder("gateway.status.not_sent.events").description("Messages settled as NOT_SENT by MCE's "
                    + "not-sent list").tag("channel", feed.channel().path()).register(meters).increment(changed);
            LOG.info("MCE's not-sent list of {}: {} message(s) NOT_SENT (events up to {})", feed, changed, last);
        }
    }

    /** Route step when a page could not be read: stop this read; the list pauses like a failing lookup. */
    public void pageFailed(Exchange exchange) {
        Feed feed = exchange.getProperty(FEED, Feed.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.setProperty(MORE, false);
        pageCounter(feed, "failed").increment();
        if (failure instanceof StatusBudgetExhaustedException) {
            return;
        }
        Optional<Duration> retryAfter = failure instanceof MceCallException.Retryable retryable
                ? retryable.retryAfter() : Optional.empty();
        backoff.failed(backoffKey(feed), retryAfter, failure == null ? "unknown" : MceFailures.describe(failure));
    }

    /** Route step, once per list: hands the list back, noting when a read last reached its end. */
    public void release(Exchange exchange) {
        store.releaseFeed(exchange.getProperty(FEED, Feed.class), owner, exchange.getProperty(DRAINED_AT,
                Instant.class));
    }

    private Counter pageCounter(Feed feed, String result) {
        return Counter.builder("gateway.status.not_sent.pages").description("Pages read from MCE's not-sent lists")
                .tag("channel", feed.channel().path()).tag("result", result).register(meters);
    }
}
