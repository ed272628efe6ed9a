package io.mcegateway.status;

import io.mcegateway.send.Channel;
import io.mcegateway.send.MessageRecord;
import io.mcegateway.send.MessageStatus;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.StoredText;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The status flow's side of the message store: which SUBMITTED and QUEUED messages are due for a lookup, their
 * per-message schedule, the final states the flow writes, and the not-sent feed cursors (V2 migration). Same rules
 * as {@link MessageStore}: bound parameters only, and conditional UPDATEs so that instances sharing the database
 * never work on the same row at once.
 *
 * <p>A message's due time is {@code next_status_check_at}, or, before its first lookup, {@code submitted_at} plus
 * the first check delay; callers pass that delay, so a changed setting applies to messages already waiting.
 */
public final class ReconciliationStore {

    /** Statuses reconciliation works on: MCE has the message and has not given its final word. */
    static final List<String> OPEN = List.of(MessageStatus.SUBMITTED.name(), MessageStatus.QUEUED.name());
    private static final String IS_OPEN = "status IN (?, ?)";
    private static final String IS_DUE = "((next_status_check_at IS NULL AND submitted_at <= ?) OR next_status_check_at <= ?)";
    private static final String IS_FREE = "(claimed_until IS NULL OR claimed_until < ?)";

    /** A business unit's feed of one channel. */
    public record Feed(String businessUnit, Channel channel) {
        @Override
        public String toString() {
            return businessUnit + "/" + channel.path();
        }
    }

    /** Where a feed's reading stands. */
    public record Cursor(long lastEventId, Instant drainedAt) {
    }

    /** What the schedule of one message depends on. */
    public record CheckState(MessageStatus status, int statusChecks, Instant submittedAt) {
    }

    /** One NotSent event of MCE's list, reduced to what the gateway keeps. */
    public record NotSentEvent(String messageKey, Integer statusCode, String statusMessage) {
    }

    private final JdbcTemplate jdbc;
    private final MessageStore messages;
    private final Clock clock;

    public ReconciliationStore(DataSource dataSource, MessageStore messages, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.messages = messages;
        this.clock = clock;
    }

    /** Business units and channels with messages whose final status is not known yet. */
    public List<Feed> openFeeds() {
        return jdbc.query("SELECT DISTINCT business_unit, channel FROM gateway_message WHERE " + IS_OPEN
                        + " ORDER BY business_unit, channel",
                (rs, i) -> new Feed(rs.getString(1), Channel.valueOf(rs.getString(2))), OPEN.get(0), OPEN.get(1));
    }

    /**
     * Claims up to {@code limit} open messages of the feed that are due at {@code dueBy}, oldest submission first,
     * for {@code owner} until now + lease.
     */
    public List<MessageRecord> claimDue(Feed feed, Instant dueBy, Duration firstDelay, String owner, Duration lease,
            int limit) {
        Timestamp now = now();
        Timestamp until = Timestamp.from(now.toInstant().plus(lease));
        List<String> candidates = jdbc.query("SELECT message_key FROM gateway_message WHERE business_unit = ? "
                        + "AND channel = ? AND " + IS_OPEN + " AND " + IS_FREE + " AND " + IS_DUE
                        + " ORDER BY submitted_at LIMIT ?",
                (rs, i) -> rs.getString(1), feed.businessUnit(), feed.channel().name(), OPEN.get(0), OPEN.get(1),
                now, Timestamp.from(dueBy.minus(firstDelay)), Timestamp.from(dueBy), limit);
        List<MessageRecord> claimed = new ArrayList<>();
        for (String key : candidates) {
            int taken = jdbc.update("UPDATE gateway_message SET claimed_by = ?, claimed_until = ? WHERE channel = ? "
                    + "AND message_key = ? AND " + IS_OPEN + " AND " + IS_FREE, owner, until, feed.channel().name(),
                    key, OPEN.get(0), OPEN.get(1), now);
            if (taken == 1) {
                messages.find(feed.channel(), key).ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    /** True when an open message of the feed became due after {@code after} and by {@code upTo}. */
    public boolean dueBetween(Feed feed, Instant after, Instant upTo, Duration firstDelay) {
        Integer found = jdbc.query("SELECT 1 FROM gateway_message WHERE business_unit = ? AND channel = ? AND "
                        + IS_OPEN + " AND " + IS_DUE + " AND ((next_status_check_at IS NULL AND submitted_at > ?) "
                        + "OR next_status_check_at > ?) LIMIT 1",
                rs -> rs.next() ? 1 : null, feed.businessUnit(), feed.channel().name(), OPEN.get(0), OPEN.get(1),
                Timestamp.from(upTo.minus(firstDelay)), Timestamp.from(upTo), Timestamp.from(after.minus(firstDelay)),
                Timestamp.from(after));
        return found != null;
    }

    public Optional<CheckState> checkState(Channel channel, String messageKey) {
        return jdbc.query("SELECT status, status_checks, submitted_at FROM gateway_message WHERE channel = ? "
                        + "AND message_key = ?",
                (rs, i) -> new CheckState(MessageStatus.valueOf(rs.getString(1)), rs.getInt(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                channel.name(), messageKey).stream().findFirst();
    }

    /** One more lookup done, the next at {@code next}; the claim ends. False when the message is no longer open. */
    public boolean scheduleNext(Channel channel, String messageKey, Instant next) {
        Timestamp now = now();
        return jdbc.update("UPDATE gateway_message SET status_checks = status_checks + 1, next_status_check_at = ?, "
                        + "status_checked_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ? "
                        + "WHERE channel = ? AND message_key = ? AND " + IS_OPEN,
                Timestamp.from(next), now, now, channel.name(), messageKey, OPEN.get(0), OPEN.get(1)) == 1;
    }

    /** Gives a claimed message back untouched (its business unit's lookups are pausing). */
    public void release(Channel channel, String messageKey, String owner) {
        jdbc.update("UPDATE gateway_message SET claimed_by = NULL, claimed_until = NULL WHERE channel = ? "
                + "AND message_key = ? AND claimed_by = ?", channel.name(), messageKey, owner);
    }

    /** The message's outcome can no longer be learned: UNKNOWN with the reason. False when it is no longer open. */
    public boolean markUnknown(Channel channel, String messageKey, String code, String reason) {
        Timestamp now = now();
        return jdbc.update("UPDATE gateway_message SET status = ?, claimed_by = NULL, claimed_until = NULL, "
                        + "updated_at = ?, last_error_source = 'GATEWAY', last_error_code = ?, last_error_message = ? "
                        + "WHERE channel = ? AND message_key = ? AND " + IS_OPEN,
                MessageStatus.UNKNOWN.name(), now, code, reason, channel.name(), messageKey, OPEN.get(0),
                OPEN.get(1)) == 1;
    }

    /** Every unclaimed message of {@code status} submitted before {@code submittedBefore} becomes UNKNOWN. */
    public int expire(MessageStatus status, Instant submittedBefore, String code, String reason) {
        Timestamp now = now();
        return jdbc.update("UPDATE gateway_message SET status = ?, updated_at = ?, last_error_source = 'GATEWAY', "
                        + "last_error_code = ?, last_error_message = ? WHERE status = ? AND submitted_at < ? AND "
                        + IS_FREE,
                MessageStatus.UNKNOWN.name(), now, code, reason, status.name(), Timestamp.from(submittedBefore), now);
    }

    /**
     * Applies a page of MCE's not-sent list to the feed's open messages: NOT_SENT with MCE's statusCode and
     * statusMessage. Events of keys the gateway did not send, or already knows the end of, change nothing.
     *
     * @return messages that became NOT_SENT
     */
    public int applyNotSent(Feed feed, List<NotSentEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Timestamp now = now();
        int[] counts = jdbc.batchUpdate("UPDATE gateway_message SET status = ?, mce_status_code = ?, "
                        + "mce_status_message = ?, outcome_unknown = FALSE, claimed_by = NULL, claimed_until = NULL, "
                        + "status_checked_at = ?, updated_at = ? WHERE channel = ? AND message_key = ? "
                        + "AND business_unit = ? AND " + IS_OPEN,
                events.stream().map(event -> new Object[] {MessageStatus.NOT_SENT.name(), event.statusCode(),
                        StoredText.fit(event.statusMessage(), StoredText.STATUS_MESSAGE), now, now,
                        feed.channel().name(), event.messageKey(), feed.businessUnit(), OPEN.get(0), OPEN.get(1)})
                        .toList());
        int changed = 0;
        for (int count : counts) {
            changed += Math.max(count, 0);
        }
        return changed;
    }

    /** The feed's cursor, created at 0 (the start of MCE's 3-day list) the first time. */
    public Cursor cursor(Feed feed) {
        ensureCursor(feed);
        return jdbc.queryForObject("SELECT last_event_id, drained_at FROM gateway_not_sent_cursor "
                        + "WHERE business_unit = ? AND channel = ?",
                (rs, i) -> new Cursor(rs.getLong(1), rs.getTimestamp(2) == null ? null
                        : rs.getTimestamp(2).toInstant()), feed.businessUnit(), feed.channel().name());
    }

    /** Takes the feed for {@code owner} until now + lease; false when another instance is reading it. */
    public boolean claimFeed(Feed feed, String owner, Duration lease) {
        ensureCursor(feed);
        Timestamp now = now();
        return jdbc.update("UPDATE gateway_not_sent_cursor SET claimed_by = ?, claimed_until = ? WHERE business_unit = ? "
                        + "AND channel = ? AND " + IS_FREE, owner, Timestamp.from(now.toInstant().plus(lease)),
                feed.businessUnit(), feed.channel().name(), now) == 1;
    }

    /** Moves the cursor forward to {@code lastEventId}; never back. */
    public void advance(Feed feed, long lastEventId) {
        jdbc.update("UPDATE gateway_not_sent_cursor SET last_event_id = ?, updated_at = ? WHERE business_unit = ? "
                + "AND channel = ? AND last_event_id < ?", lastEventId, now(), feed.businessUnit(),
                feed.channel().name(), lastEventId);
    }

    /** Ends the claim; {@code drainedAt}, when not null, is when the read that reached the list's end started. */
    public void releaseFeed(Feed feed, String owner, Instant drainedAt) {
        if (drainedAt != null) {
            jdbc.update("UPDATE gateway_not_sent_cursor SET drained_at = ?, updated_at = ? WHERE business_unit = ? "
                            + "AND channel = ? AND (drained_at IS NULL OR drained_at < ?)", Timestamp.from(drainedAt),
                    now(), feed.businessUnit(), feed.channel().name(), Timestamp.from(drainedAt));
        }
        jdbc.update("UPDATE gateway_not_sent_cursor SET claimed_by = NULL, claimed_until = NULL WHERE business_unit = ? "
                + "AND channel = ? AND claimed_by = ?", feed.businessUnit(), feed.channel().name(), owner);
    }

    /** Messages whose final status is not known yet. */
    public long backlog() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM gateway_message WHERE " + IS_OPEN, Long.class,
                OPEN.get(0), OPEN.get(1));
        return count == null ? 0 : count;
    }

    /** Submission time of the oldest message whose final status is not known yet. */
    public Optional<Instant> oldestOpen() {
        Timestamp oldest = jdbc.queryForObject("SELECT MIN(submitted_at) FROM gateway_message WHERE " + IS_OPEN,
                Timestamp.class, OPEN.get(0), OPEN.get(1));
        return Optional.ofNullable(oldest).map(Timestamp::toInstant);
    }

    private void ensureCursor(Feed feed) {
        try {
            jdbc.update("INSERT INTO gateway_not_sent_cursor (business_unit, channel, last_event_id, updated_at) "
                            + "SELECT ?, ?, 0, ? WHERE NOT EXISTS (SELECT 1 FROM gateway_not_sent_cursor "
                            + "WHERE business_unit = ? AND channel = ?)", feed.businessUnit(), feed.channel().name(),
                    now(), feed.businessUnit(), feed.channel().name());
        } catch (DuplicateKeyException concurrentInsert) {
            // Another instance created it between the check and the insert: the row exists, which is all we need.
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
