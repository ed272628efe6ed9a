package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.send.Channel;
import io.mcegateway.send.MessageRecord;
import io.mcegateway.send.MessageStatus;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.NewMessage;
import io.mcegateway.status.ReconciliationStore.Feed;
import io.mcegateway.status.ReconciliationStore.NotSentEvent;
import io.mcegateway.support.TestDatabases;
import io.mcegateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The status flow's queries and updates, on H2 and PostgreSQL (V2 migration). */
class ReconciliationStoreTest {

    private static final Duration FIRST_DELAY = Duration.ofMinutes(1);
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Feed DEFAULT_EMAIL = new Feed("default", Channel.EMAIL);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private MessageStore messages;
    private ReconciliationStore store;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::postgres));
    }

    private void open(Supplier<DataSource> database) {
        DataSource dataSource = database.get();
        messages = new MessageStore(dataSource, clock);
        store = new ReconciliationStore(dataSource, messages, clock);
    }

    private void submitted(String businessUnit, String... keys) {
        for (String key : keys) {
            messages.accept(new NewMessage(Channel.EMAIL, key, businessUnit, "welcome",
                    "{\"contactKey\":\"c\",\"to\":\"a@example.com\"}", null, "group-1"));
        }
        messages.markSubmitted(Channel.EMAIL, List.of(keys), "req-1");
    }

    private List<String> claim(String owner) {
        return store.claimDue(DEFAULT_EMAIL, clock.instant(), FIRST_DELAY, owner, LEASE, 100).stream()
                .map(MessageRecord::messageKey).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_submitted_message_is_due_the_first_delay_after_submission_and_claimed_by_one_instance(String name,
            Supplier<DataSource> database) {
        open(database);
        submitted("default", "m1", "m2");

        assertThat(claim("a")).isEmpty();
        clock.advance(FIRST_DELAY);
        assertThat(claim("a")).containsExactlyInAnyOrder("m1", "m2");
        assertThat(claim("b")).as("claimed by a").isEmpty();
        store.release(Channel.EMAIL, "m2", "a");
        assertThat(claim("b")).containsExactly("m2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_scheduled_lookup_counts_and_is_due_at_its_time(String name, Supplier<DataSource> database) {
        open(database);
        submitted("default", "m1");
        clock.advance(FIRST_DELAY);
        claim("a");

        assertThat(store.scheduleNext(Channel.EMAIL, "m1", clock.instant().plus(Duration.ofMinutes(5)))).isTrue();

        assertThat(store.checkState(Channel.EMAIL, "m1")).hasValueSatisfying(state ->
                assertThat(state.statusChecks()).isEqualTo(1));
        assertThat(store.dueBetween(DEFAULT_EMAIL, Instant.EPOCH, clock.instant(), FIRST_DELAY)).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(store.dueBetween(DEFAULT_EMAIL, clock.instant().minusSeconds(1), clock.instant(), FIRST_DELAY))
                .isTrue();
        assertThat(store.dueBetween(DEFAULT_EMAIL, clock.instant(), clock.instant(), FIRST_DELAY)).isFalse();
        assertThat(claim("a")).containsExactly("m1");
        messages.markMceStatus(Channel.EMAIL, "m1", MessageStatus.SENT, null, null);
        assertThat(store.scheduleNext(Channel.EMAIL, "m1", clock.instant())).as("SENT is final").isFalse();
        assertThat(store.backlog()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void not_sent_events_settle_only_open_messages_of_the_same_business_unit_and_channel(String name,
            Supplier<DataSource> database) {
        open(database);
        submitted("default", "open-1", "sent-1");
        submitted("emea", "other-unit-1");
        messages.accept(new NewMessage(Channel.EMAIL, "accepted-1", "default", "welcome", "{}", null, "g"));
        messages.markMceStatus(Channel.EMAIL, "sent-1", MessageStatus.SENT, null, null);

        int changed = store.applyNotSent(DEFAULT_EMAIL, List.of("open-1", "sent-1", "other-unit-1", "accepted-1",
                "never-seen").stream().map(key -> new NotSentEvent(key, 24, "ListDetectiveExclusion")).toList());

        assertThat(changed).isEqualTo(1);
        assertThat(messages.find(Channel.EMAIL, "open-1")).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(MessageStatus.NOT_SENT);
            assertThat(record.mceStatusCode()).isEqualTo(24);
            assertThat(record.mceStatusMessage()).isEqualTo("ListDetectiveExclusion");
        });
        assertThat(messages.find(Channel.EMAIL, "sent-1").orElseThrow().status()).isEqualTo(MessageStatus.SENT);
        assertThat(messages.find(Channel.EMAIL, "other-unit-1").orElseThrow().status())
                .isEqualTo(MessageStatus.SUBMITTED);
        assertThat(messages.find(Channel.EMAIL, "accepted-1").orElseThrow().status())
                .isEqualTo(MessageStatus.ACCEPTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_later_queued_answer_does_not_undo_a_final_status(String name, Supplier<DataSource> database) {
        open(database);
        submitted("default", "race-1");
        store.applyNotSent(DEFAULT_EMAIL, List.of(new NotSentEvent("race-1", 16, "InvalidAttributeValue")));

        messages.markMceStatus(Channel.EMAIL, "race-1", MessageStatus.QUEUED, null, null);

        assertThat(messages.find(Channel.EMAIL, "race-1").orElseThrow().status()).isEqualTo(MessageStatus.NOT_SENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_feed_cursor_only_moves_forward_and_one_instance_reads_a_feed_at_a_time(String name,
            Supplier<DataSource> database) {
        open(database);

        assertThat(store.cursor(DEFAULT_EMAIL).lastEventId()).isZero();
        store.advance(DEFAULT_EMAIL, 35774);
        store.advance(DEFAULT_EMAIL, 35000);
        assertThat(store.cursor(DEFAULT_EMAIL).lastEventId()).isEqualTo(35774);

        assertThat(store.claimFeed(DEFAULT_EMAIL, "a", LEASE)).isTrue();
        assertThat(store.claimFeed(DEFAULT_EMAIL, "b", LEASE)).isFalse();
        store.releaseFeed(DEFAULT_EMAIL, "a", clock.instant());
        assertThat(store.cursor(DEFAULT_EMAIL).drainedAt()).isEqualTo(clock.instant());
        assertThat(store.claimFeed(DEFAULT_EMAIL, "b", LEASE)).isTrue();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(store.claimFeed(DEFAULT_EMAIL, "a", LEASE)).as("an expired claim is taken over").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void open_messages_older_than_mce_history_become_unknown_with_the_reason(String name,
            Supplier<DataSource> database) {
        open(database);
        submitted("default", "old-1");
        clock.advance(Duration.ofDays(2));
        submitted("default", "young-1");
        assertThat(store.oldestOpen()).contains(Instant.parse("2026-12-03T10:00:00Z"));
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        int expired = store.expire(MessageStatus.SUBMITTED, clock.instant().minus(Duration.ofDays(3)),
                Reconciliation.HISTORY_PASSED, "MCE keeps send statuses for 3 days");

        assertThat(expired).isEqualTo(1);
        assertThat(messages.find(Channel.EMAIL, "old-1")).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(MessageStatus.UNKNOWN);
            assertThat(record.lastErrorCode()).isEqualTo(Reconciliation.HISTORY_PASSED);
            assertThat(record.lastErrorMessage()).contains("3 days");
        });
        assertThat(store.backlog()).isEqualTo(1);
        assertThat(store.openFeeds()).containsExactly(DEFAULT_EMAIL);
    }
}
