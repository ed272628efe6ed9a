package io.mcegateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The simulated MCE message queue, per business unit and channel: which messageKeys were accepted, the
 * duplicate-key window, the status of each key, and the not-sent event feed.
 *
 * <p>Not-sent events get their {@code eventID} lazily, when a read finds them due, and always in the order
 * they became due; so IDs are stable and increase in the order events become visible, as a client paging
 * with {@code lastEventId} expects. One lock guards everything: a 2000-recipient batch is checked and queued
 * atomically, so concurrent sends of the same key accept it exactly once.
 */
final class MessageStore {

    /** MCE answers status requests for messages "up to 3 days old" (reference §2.5). */
    static final Duration STATUS_HISTORY = Duration.ofDays(3);

    record Recipient(String messageKey, String contactKey, String to) {
    }

    record NotSentEvent(long eventId, StoredMessage message) {
    }

    /** @param lastEventId the last ID in the page, or the one asked for when the page is empty */
    record NotSentPage(long lastEventId, List<NotSentEvent> events) {
    }

    private record MessageId(BusinessUnit businessUnit, Channel channel, String messageKey) {
    }

    private record FeedId(BusinessUnit businessUnit, Channel channel) {
    }

    private record Pending(StoredMessage message, long sequence) {
    }

    private final Clock clock;
    private final Map<MessageId, StoredMessage> latest = new HashMap<>();
    private final Deque<StoredMessage> inAcceptanceOrder = new ArrayDeque<>();
    private final PriorityQueue<Pending> pendingNotSent = new PriorityQueue<>(
            Comparator.comparing((Pending p) -> p.message().dueAt()).thenComparingLong(Pending::sequence));
    private final Map<FeedId, Deque<NotSentEvent>> feeds = new HashMap<>();
    private long sequence;
    private long lastEventId;

    MessageStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Queues each recipient unless its messageKey was accepted in the same business unit and channel within
     * the duplicate-key window.
     *
     * @return per recipient, in order: true when accepted, false when rejected as a duplicate (109110)
     */
    synchronized List<Boolean> accept(BusinessUnit businessUnit, Channel channel, String definitionKey,
                                      List<Recipient> recipients, SandboxSettings settings) {
        Instant now = clock.instant();
        forgetOlderThan(now.minus(max(STATUS_HISTORY, settings.duplicateKeyWindow())));
        List<Boolean> outcomes = new ArrayList<>(recipients.size());
        for (Recipient recipient : recipients) {
            MessageId id = new MessageId(businessUnit, channel, recipient.messageKey());
            StoredMessage previous = latest.get(id);
            if (previous != null && now.isBefore(previous.acceptedAt().plus(settings.duplicateKeyWindow()))) {
                outcomes.add(false);
                continue;
            }
            StoredMessage message = new StoredMessage(businessUnit, channel, recipient.messageKey(), definitionKey,
                    recipient.contactKey(), recipient.to(), now, now.plus(settings.statusDelay()),
                    NotSentDraw.decide(channel, recipient.messageKey(), settings.notSentRatio()).orElse(null),
                    compositeId());
            // Latest acceptance wins the status lookup, as MCE documents for reused keys.
            latest.put(id, message);
            inAcceptanceOrder.addLast(message);
            if (message.notSentReason() != null) {
                pendingNotSent.add(new Pending(message, sequence++));
            }
            outcomes.add(true);
        }
        return outcomes;
    }

    /** The latest acceptance of a key, if it is at most {@link #STATUS_HISTORY} old. */
    synchronized Optional<StoredMessage> find(BusinessUnit businessUnit, Channel channel, String messageKey) {
        Instant now = clock.instant();
        publishDueEvents(now);
        StoredMessage message = latest.get(new MessageId(businessUnit, channel, messageKey));
        if (message == null || message.acceptedAt().isBefore(now.minus(STATUS_HISTORY))) {
            return Optional.empty();
        }
        return Optional.of(message);
    }

    /** Up to {@code pageSize} not-sent events with an ID above {@code afterEventId}, oldest first. */
    synchronized NotSentPage notSent(BusinessUnit businessUnit, Channel channel, long afterEventId, int pageSize) {
        Instant now = clock.instant();
        publishDueEvents(now);
        Deque<NotSentEvent> feed = feeds.getOrDefault(new FeedId(businessUnit, channel), new ArrayDeque<>());
        Instant oldest = now.minus(STATUS_HISTORY);
        while (!feed.isEmpty() && feed.peekFirst().message().dueAt().isBefore(oldest)) {
            feed.removeFirst();
        }
        List<NotSentEvent> page = new ArrayList<>(Math.min(pageSize, feed.size()));
        for (NotSentEvent event : feed) {
            if (page.size() == pageSize) {
                break;
            }
            if (event.eventId() > afterEventId) {
                page.add(event);
            }
        }
        return new NotSentPage(page.isEmpty() ? afterEventId : page.get(page.size() - 1).eventId(), page);
    }

    synchronized void clear() {
        latest.clear();
        inAcceptanceOrder.clear();
        pendingNotSent.clear();
        feeds.clear();
        sequence = 0;
        lastEventId = 0;
    }

    private void publishDueEvents(Instant now) {
        while (!pendingNotSent.isEmpty() && !pendingNotSent.peek().message().dueAt().isAfter(now)) {
            StoredMessage message = pendingNotSent.poll().message();
            feeds.computeIfAbsent(new FeedId(message.businessUnit(), message.channel()), id -> new ArrayDeque<>())
                    .addLast(new NotSentEvent(++lastEventId, message));
        }
    }

    private void forgetOlderThan(Instant cutoff) {
        while (!inAcceptanceOrder.isEmpty() && inAcceptanceOrder.peekFirst().acceptedAt().isBefore(cutoff)) {
            StoredMessage old = inAcceptanceOrder.removeFirst();
            // Remove only if no later acceptance of the same key replaced it.
            latest.remove(new MessageId(old.businessUnit(), old.channel(), old.messageKey()), old);
        }
    }

    /** Shaped like MCE's {@code 1F3631D4-5497-E811-80E4-1402EC6B9540.214435.228431.1.231481617}. */
    private static String compositeId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(Locale.ROOT)
                + "." + random.nextInt(100_000, 1_000_000)
                + "." + random.nextInt(100_000, 1_000_000)
                + ".1." + random.nextInt(100_000_000, 1_000_000_000);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
