package io.mcegateway.send;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The durable record of every accepted message (table {@code gateway_message}). The database settles every race:
 * the primary key makes acceptance idempotent, and a conditional UPDATE lets exactly one gateway instance claim a
 * row. Plain JDBC with bound parameters, so it behaves the same on H2 and PostgreSQL.
 */
public final class MessageStore {

    private static final String COLUMNS = "channel, message_key, business_unit, definition_key, recipient_json, "
            + "attributes_json, batch_group, status, attempts, next_attempt_at, outcome_unknown, mce_request_id, "
            + "last_error_source, last_error_code, last_error_message, mce_status_code, mce_status_message, "
            + "created_at, updated_at, submitted_at, unknown_outcome_checks";
    /** The row of a message still held under the claim its copy carries (channel, key, claim id, ACCEPTED). */
    private static final String HELD = "channel = ? AND message_key = ? AND claim_id = ? AND status = ?";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean postgres;

    public MessageStore(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("The message store's database cannot be reached", e);
        }
    }

    /**
     * Stores a new message as ACCEPTED, due now. False when the channel already has this messageKey. A known key is
     * skipped rather than raised, so that a batch can be stored in one transaction (PostgreSQL aborts a transaction
     * after any failed statement); on PostgreSQL a concurrent insert of the same key waits and then loses.
     */
    public boolean accept(NewMessage message) {
        Timestamp now = now();
        Object[] row = {message.channel().name(), message.messageKey(), message.businessUnit(),
                message.definitionKey(), message.recipientJson(), message.attributesJson(), message.batchGroup(),
                MessageStatus.ACCEPTED.name(), now, now, now};
        try {
            return jdbc.update(postgres ? INSERT_POSTGRES : INSERT_PORTABLE, postgres ? row : append(row,
                    message.channel().name(), message.messageKey())) == 1;
        } catch (DuplicateKeyException concurrentInsert) {
            return false;
        }
    }

    private static final String INSERT = "INSERT INTO gateway_message (channel, message_key, business_unit, "
            + "definition_key, recipient_json, attributes_json, batch_group, status, attempts, next_attempt_at, "
            + "outcome_unknown, created_at, updated_at) ";
    private static final String INSERT_POSTGRES = INSERT + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, FALSE, ?, ?) "
            + "ON CONFLICT (channel, message_key) DO NOTHING";
    private static final String INSERT_PORTABLE = INSERT + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, FALSE, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM gateway_message WHERE channel = ? AND message_key = ?)";

    private static Object[] append(Object[] row, Object... more) {
        Object[] all = java.util.Arrays.copyOf(row, row.length + more.length);
        System.arraycopy(more, 0, all, row.length, more.length);
        return all;
    }

    public boolean contains(Channel channel, String messageKey) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM gateway_message WHERE channel = ? AND message_key = ?",
                Integer.class, channel.name(), messageKey);
        return count != null && count > 0;
    }

    public Optional<MessageRecord> find(Channel channel, String messageKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM gateway_message WHERE channel = ? AND message_key = ?",
                ROW, channel.name(), messageKey).stream().findFirst();
    }

    /**
     * Claims up to {@code limit} due ACCEPTED messages for {@code owner}'s run {@code boot} until now + lease, under a
     * new claim id that the returned records carry; of those, at most {@code unknownLimit} whose last send had an
     * unknown outcome (each costs a status lookup first). Candidates are read first, then each is taken with an
     * UPDATE that only succeeds while nobody else holds it, so two instances reading the same candidates still end up
     * with disjoint sets.
     */
    public List<MessageRecord> claimDue(String owner, String boot, Duration lease, int limit, int unknownLimit) {
        Timestamp now = now();
        Timestamp until = Timestamp.from(now.toInstant().plus(lease));
        String claimId = UUID.randomUUID().toString();
        List<String[]> candidates = new ArrayList<>(dueCandidates(true, now, Math.min(limit, unknownLimit)));
        candidates.addAll(dueCandidates(false, now, limit - candidates.size()));
        List<MessageRecord> claimed = new ArrayList<>();
        for (String[] key : candidates) {
            int taken = jdbc.update("UPDATE gateway_message SET claimed_by = ?, claim_boot = ?, claim_id = ?, "
                            + "claimed_until = ? WHERE channel = ? AND message_key = ? AND status = ? "
                            + "AND (claimed_until IS NULL OR claimed_until < ?)",
                    owner, boot, claimId, until, key[0], key[1], MessageStatus.ACCEPTED.name(), now);
            if (taken == 1) {
                find(Channel.valueOf(key[0]), key[1]).map(message -> message.claimedAs(claimId))
                        .ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    private List<String[]> dueCandidates(boolean outcomeUnknown, Timestamp now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.query("SELECT channel, message_key FROM gateway_message WHERE status = ? AND outcome_unknown = ? "
                        + "AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) "
                        + "ORDER BY next_attempt_at, created_at LIMIT ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
                MessageStatus.ACCEPTED.name(), outcomeUnknown, now, now, limit);
    }

    /**
     * The fence, written just before a send request leaves: renews the claim for one more lease and flags the
     * message in flight, but only for messages still held under the claim they carry. Returns those; the others were
     * taken over by another claim (their lease ran out while they waited, or a restart gave them back) and must not
     * be sent by this copy. Until the answer is recorded, whether MCE got a flagged message is unknown: a crash in
     * between leaves the flag set, and the next attempt asks MCE before sending again.
     */
    public List<MessageRecord> markInFlight(List<MessageRecord> messages, Duration lease) {
        Timestamp now = now();
        Timestamp until = Timestamp.from(now.toInstant().plus(lease));
        int[] updated = batch("UPDATE gateway_message SET outcome_unknown = TRUE, attempts = attempts + 1, "
                + "claimed_until = ?, updated_at = ? WHERE " + HELD, messages,
                message -> new Object[] {until, now, message.channel().name(), message.messageKey(),
                        message.claimId(), MessageStatus.ACCEPTED.name()});
        return held(messages, updated);
    }

    /**
     * MCE accepted the message (202, or 109110: it already had it). MCE's word is recorded whoever holds the claim by
     * now, but never over a status the status flow has learned since.
     */
    public void markSubmitted(Channel channel, Collection<String> messageKeys, String requestId) {
        Timestamp now = now();
        String storedRequestId = StoredText.fit(requestId, StoredText.REQUEST_ID);
        batch("UPDATE gateway_message SET status = ?, outcome_unknown = FALSE, mce_request_id = ?, "
                + "claimed_by = NULL, claim_id = NULL, claimed_until = NULL, submitted_at = ?, updated_at = ?, "
                + "last_error_source = NULL, last_error_code = NULL, last_error_message = NULL "
                + "WHERE channel = ? AND message_key = ? AND status = ?",
                messageKeys, key -> new Object[] {MessageStatus.SUBMITTED.name(), storedRequestId, now, now,
                        channel.name(), key, MessageStatus.ACCEPTED.name()});
    }

    /**
     * The gateway gives up on the messages: MCE refused them or retries ran out. Only messages still held under the
     * claim they carry; returns how many.
     */
    public int markFailed(List<MessageRecord> messages, SendError error) {
        Timestamp now = now();
        return held(messages, batch("UPDATE gateway_message SET status = ?, outcome_unknown = FALSE, "
                + "claimed_by = NULL, claim_id = NULL, claimed_until = NULL, updated_at = ?, last_error_source = ?, "
                + "last_error_code = ?, last_error_message = ? WHERE " + HELD,
                messages, message -> new Object[] {MessageStatus.FAILED.name(), now, error.source(),
                        errorCode(error), errorMessage(error), message.channel().name(), message.messageKey(),
                        message.claimId(), MessageStatus.ACCEPTED.name()})).size();
    }

    /**
     * Hands the messages back to the poller for a later attempt, when still held under the claim they carry.
     * {@code outcomeUnknown} says whether MCE may have received them, in which case the next attempt first asks MCE
     * for their status.
     */
    public void retryLater(List<MessageRecord> messages, Instant at, boolean outcomeUnknown, SendError error) {
        Timestamp now = now();
        batch("UPDATE gateway_message SET status = ?, next_attempt_at = ?, outcome_unknown = ?, claimed_by = NULL, "
                + "claim_id = NULL, claimed_until = NULL, updated_at = ?, last_error_source = ?, "
                + "last_error_code = ?, last_error_message = ? WHERE " + HELD,
                messages, message -> new Object[] {MessageStatus.ACCEPTED.name(), Timestamp.from(at), outcomeUnknown,
                        now, error.source(), errorCode(error), errorMessage(error), message.channel().name(),
                        message.messageKey(), message.claimId(), MessageStatus.ACCEPTED.name()});
    }

    /**
     * What MCE's status route says of a message it has: QUEUED, SENT or NOT_SENT (with MCE's statusCode and
     * statusMessage for NOT_SENT). The message counts as submitted from then on. A final SENT or NOT_SENT is kept:
     * an answer that left MCE before the final one (a lookup racing the not-sent list) must not undo it.
     */
    public void markMceStatus(Channel channel, String messageKey, MessageStatus status, Integer statusCode,
            String statusMessage) {
        Timestamp now = now();
        jdbc.update("UPDATE gateway_message SET status = ?, outcome_unknown = FALSE, claimed_by = NULL, "
                        + "claim_id = NULL, claimed_until = NULL, mce_status_code = ?, mce_status_message = ?, "
                        + "updated_at = ?, submitted_at = COALESCE(submitted_at, ?), status_checked_at = ? "
                        + "WHERE channel = ? AND message_key = ? AND status <> ? AND status <> ?",
                status.name(), statusCode, StoredText.fit(statusMessage, StoredText.STATUS_MESSAGE), now, now, now,
                channel.name(), messageKey, MessageStatus.SENT.name(), MessageStatus.NOT_SENT.name());
    }

    /**
     * MCE confirmed it has no such message after a send whose outcome was unknown: sending it again is safe; the check
     * is counted. Only for a message still held under the claim it carries: false otherwise, and then this copy must
     * not send it.
     */
    public boolean clearOutcomeUnknown(MessageRecord message) {
        return jdbc.update("UPDATE gateway_message SET outcome_unknown = FALSE, "
                        + "unknown_outcome_checks = unknown_outcome_checks + 1, updated_at = ? WHERE " + HELD,
                now(), message.channel().name(), message.messageKey(), message.claimId(),
                MessageStatus.ACCEPTED.name()) == 1;
    }

    /** Puts a FAILED message back in the queue. False when it is not FAILED. */
    public boolean replay(Channel channel, String messageKey) {
        Timestamp now = now();
        return jdbc.update("UPDATE gateway_message SET status = ?, next_attempt_at = ?, attempts = 0, "
                        + "unknown_outcome_checks = 0, outcome_unknown = FALSE, claimed_by = NULL, claim_id = NULL, "
                        + "claimed_until = NULL, updated_at = ? WHERE channel = ? AND message_key = ? AND status = ?",
                MessageStatus.ACCEPTED.name(), now, now, channel.name(), messageKey, MessageStatus.FAILED.name()) == 1;
    }

    /**
     * At start-up: claims that earlier runs of this instance held when they stopped (or were killed) are given back at
     * once instead of waiting for their lease to run out; claims of run {@code boot}, this one, are kept. An earlier
     * run may still be running (a rolling restart with a stable instance id): the fence stops its copies, because
     * their claims are gone. Messages flagged in flight keep the flag, so MCE is asked before any resend, and become
     * due only after {@code longestRequest}, when a request the earlier run sent has surely ended.
     */
    public int releaseClaims(String owner, String boot, Duration longestRequest) {
        Timestamp checkFrom = Timestamp.from(clock.instant().plus(longestRequest));
        return jdbc.update("UPDATE gateway_message SET claimed_by = NULL, claim_id = NULL, claimed_until = NULL, "
                        + "next_attempt_at = CASE WHEN outcome_unknown AND next_attempt_at < ? THEN ? "
                        + "ELSE next_attempt_at END WHERE claimed_by = ? AND (claim_boot IS NULL OR claim_boot <> ?)",
                checkFrom, checkFrom, owner, boot);
    }

    /** Number of messages per status, for metrics and tests. */
    public long count(MessageStatus status) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM gateway_message WHERE status = ?", Long.class,
                status.name());
        return count == null ? 0 : count;
    }

    private <T> int[] batch(String sql, Collection<T> rows, java.util.function.Function<T, Object[]> args) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return jdbc.batchUpdate(sql, rows.stream().map(args).toList());
    }

    /**
     * The messages whose conditional UPDATE changed their row. A driver that cannot tell (SUCCESS_NO_INFO) counts as
     * not held: not sending is the safe side, and the message comes back once its lease runs out. H2 and PostgreSQL
     * always tell.
     */
    private static List<MessageRecord> held(List<MessageRecord> messages, int[] updated) {
        List<MessageRecord> held = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (updated[i] == 1) {
                held.add(messages.get(i));
            }
        }
        return held;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String errorCode(SendError error) {
        return StoredText.fit(error.code(), StoredText.ERROR_CODE);
    }

    private static String errorMessage(SendError error) {
        return StoredText.fit(error.message(), StoredText.ERROR_MESSAGE);
    }

    private static final RowMapper<MessageRecord> ROW = MessageStore::row;

    private static MessageRecord row(ResultSet rs, int rowNum) throws SQLException {
        return new MessageRecord(Channel.valueOf(rs.getString("channel")), rs.getString("message_key"),
                rs.getString("business_unit"), rs.getString("definition_key"), rs.getString("recipient_json"),
                rs.getString("attributes_json"), rs.getString("batch_group"),
                MessageStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getBoolean("outcome_unknown"), rs.getString("mce_request_id"),
                rs.getString("last_error_source"), rs.getString("last_error_code"),
                rs.getString("last_error_message"), (Integer) rs.getObject("mce_status_code"),
                rs.getString("mce_status_message"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "submitted_at"), rs.getInt("unknown_outcome_checks"), null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
