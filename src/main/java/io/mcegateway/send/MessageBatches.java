package io.mcegateway.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Collects messages of one batch group into a list and decides when the batch must leave. The aggregator also
 * completes a batch when it is full (batch size) and when no message joined it for the window (idle); this class adds
 * the third rule: a batch never waits longer than the window after its first message, even while a steady trickle
 * keeps it from ever going idle. A batch holds each messageKey once: MCE refuses a whole request that names a key
 * twice (400), which would fail every message in it.
 */
public final class MessageBatches implements AggregationStrategy {

    static final String STARTED_AT = "gatewayBatchStartedAt";

    private final Clock clock;
    private final Duration window;

    public MessageBatches(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange next) {
        MessageRecord message = next.getMessage().getBody(MessageRecord.class);
        if (batch == null) {
            List<MessageRecord> messages = new ArrayList<>();
            messages.add(message);
            next.getMessage().setBody(messages);
            next.setProperty(STARTED_AT, clock.instant());
            return next;
        }
        List<MessageRecord> messages = batch.getMessage().getBody(List.class);
        // The later copy replaces the earlier: a copy joins a batch right after its claim was taken (or confirmed by
        // a status check), so the later one holds the newer claim, the one the fence lets through.
        messages.removeIf(earlier -> earlier.messageKey().equals(message.messageKey()));
        messages.add(message);
        return batch;
    }

    /** Completion predicate: the batch has waited a full window since its first message. */
    public boolean waitedLongEnough(Exchange batch) {
        Instant started = batch.getProperty(STARTED_AT, Instant.class);
        return started != null && !clock.instant().isBefore(started.plus(window));
    }
}
