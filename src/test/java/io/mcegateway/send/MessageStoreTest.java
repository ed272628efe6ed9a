package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.support.TestDatabases;
import io.mcegateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageStoreTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::postgres));
    }

    /** What the poller of run {@code run} of instance {@code owner} claims. */
    private static List<MessageRecord> claim(MessageStore store, String owner, String run) {
        return store.claimDue(owner, run, LEASE, 10, 10);
    }

    private static NewMessage message(String key) {
        return new NewMessage(Channel.EMAIL, key, "default", "welcome",
                "{\"contactKey\":\"c\",\"to\":\"a@example.com\"}", null, "group-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_message_key_is_accepted_once_per_channel(String name, Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);

        assertThat(store.accept(message("k1"))).isTrue();
        assertThat(store.accept(message("k1"))).isFalse();
        assertThat(store.accept(new NewMessage(Channel.SMS, "k1", "default", "d", "{}", null, "g"))).isTrue();
        assertThat(store.find(Channel.EMAIL, "k1")).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(MessageStatus.ACCEPTED);
            assertThat(record.recipientJson()).contains("a@example.com");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void two_instances_claiming_at_once_never_get_the_same_message(String name, Supplier<DataSource> database)
            throws Exception {
        DataSource dataSource = database.get();
        MessageStore first = new MessageStore(dataSource, clock);
        MessageStore second = new MessageStore(dataSource, clock);
        for (int i = 0; i < 300; i++) {
            first.accept(message("race-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<String> seen = new HashSet<>();
        int total = 0;
        // Claimers racing for the same candidates lose some rows to each other; rounds go on until all are taken.
        for (int round = 0; round < 50 && total < 300; round++) {
            List<Future<List<MessageRecord>>> claims = new ArrayList<>();
            claims.add(pool.submit((Callable<List<MessageRecord>>) () -> first.claimDue("a", "run-1", LEASE, 50,
                    50)));
            claims.add(pool.submit((Callable<List<MessageRecord>>) () -> second.claimDue("b", "run-1", LEASE, 50,
                    50)));
            for (Future<List<MessageRecord>> claim : claims) {
                for (MessageRecord record : claim.get()) {
                    assertThat(seen.add(record.messageKey())).as("claimed twice: " + record.messageKey()).isTrue();
                    total++;
                }
            }
        }
        pool.shutdown();
        assertThat(total).isEqualTo(300);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void an_expired_claim_can_be_taken_over_and_a_released_one_at_once(String name, Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        store.accept(message("lease-1"));
        assertThat(claim(store, "a", "run-1")).hasSize(1);
        assertThat(claim(store, "b", "run-1")).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        assertThat(claim(store, "b", "run-1")).hasSize(1);
        assertThat(store.releaseClaims("b", "run-2", Duration.ofSeconds(70))).isEqualTo(1);
        assertThat(claim(store, "a", "run-1")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void an_in_flight_message_stays_flagged_until_its_outcome_is_recorded(String name, Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        store.accept(message("flight-1"));
        assertThat(store.markInFlight(claim(store, "a", "run-1"), LEASE)).hasSize(1);
        assertThat(store.find(Channel.EMAIL, "flight-1").orElseThrow().outcomeUnknown()).isTrue();
        assertThat(store.find(Channel.EMAIL, "flight-1").orElseThrow().attempts()).isEqualTo(1);

        store.markSubmitted(Channel.EMAIL, List.of("flight-1"), "req-1");
        MessageRecord submitted = store.find(Channel.EMAIL, "flight-1").orElseThrow();
        assertThat(submitted.outcomeUnknown()).isFalse();
        assertThat(submitted.status()).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(submitted.mceRequestId()).isEqualTo("req-1");
        assertThat(claim(store, "b", "run-1")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_failed_message_keeps_its_reason_and_can_be_replayed(String name, Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        store.accept(message("fail-1"));
        store.markFailed(claim(store, "a", "run-1"), new SendError("MCE", "10000", "MCMS_UTM_Validation: bad"));
        MessageRecord failed = store.find(Channel.EMAIL, "fail-1").orElseThrow();
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.lastErrorCode()).isEqualTo("10000");
        assertThat(failed.lastErrorSource()).isEqualTo("MCE");

        assertThat(store.replay(Channel.EMAIL, "fail-1")).isTrue();
        assertThat(store.replay(Channel.EMAIL, "fail-1")).as("only a FAILED message is replayed").isFalse();
        assertThat(claim(store, "a", "run-1")).extracting(MessageRecord::messageKey)
                .containsExactly("fail-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void texts_from_mce_longer_than_their_columns_are_cut_and_the_outcome_is_still_recorded(String name,
            Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        store.accept(message("long-1"));
        store.accept(message("long-2"));
        List<MessageRecord> claimed = claim(store, "a", "run-1");

        store.markFailed(claimed.subList(0, 1), new SendError("INTERMEDIARY", "E".repeat(500), "m".repeat(5000)));
        store.markSubmitted(Channel.EMAIL, List.of("long-2"), "r".repeat(500));
        store.markMceStatus(Channel.EMAIL, "long-2", MessageStatus.NOT_SENT, 24, "s".repeat(5000));

        MessageRecord failed = store.find(Channel.EMAIL, claimed.get(0).messageKey()).orElseThrow();
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.lastErrorCode()).hasSize(StoredText.ERROR_CODE);
        assertThat(failed.lastErrorMessage()).hasSize(StoredText.ERROR_MESSAGE);
        MessageRecord notSent = store.find(Channel.EMAIL, "long-2").orElseThrow();
        assertThat(notSent.status()).isEqualTo(MessageStatus.NOT_SENT);
        assertThat(notSent.mceRequestId()).hasSize(StoredText.REQUEST_ID);
        assertThat(notSent.mceStatusMessage()).hasSize(StoredText.STATUS_MESSAGE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_message_retried_later_is_not_due_before_its_time(String name, Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        store.accept(message("later-1"));
        store.retryLater(claim(store, "a", "run-1"), clock.instant().plusSeconds(30), true,
                new SendError("NETWORK", null, "NoHttpResponseException"));
        assertThat(claim(store, "a", "run-1")).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(claim(store, "a", "run-1")).singleElement()
                .satisfies(record -> assertThat(record.outcomeUnknown()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_copy_whose_claim_was_taken_over_can_neither_send_nor_change_the_message(String name,
            Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        store.accept(message("fence-1"));
        clock.advance(Duration.ofMillis(1));
        store.accept(message("fence-2"));
        List<MessageRecord> stale = claim(store, "a", "run-1");
        // fence-1's copy waited past its lease (throttle, call slot, 429 pause); fence-2's claim was renewed.
        clock.advance(Duration.ofMinutes(4));
        assertThat(store.markInFlight(stale.subList(1, 2), LEASE)).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        List<MessageRecord> current = claim(store, "b", "run-1");
        assertThat(current).extracting(MessageRecord::messageKey).containsExactly("fence-1");

        assertThat(store.markInFlight(stale, LEASE)).as("sent under the old claim")
                .extracting(MessageRecord::messageKey).containsExactly("fence-2");
        assertThat(store.markFailed(stale.subList(0, 1), new SendError("MCE", "0", "Bad Request"))).isZero();
        store.retryLater(stale.subList(0, 1), clock.instant().plusSeconds(60), true,
                new SendError("NETWORK", null, "lost"));
        assertThat(store.clearOutcomeUnknown(stale.get(0))).isFalse();
        assertThat(store.find(Channel.EMAIL, "fence-1").orElseThrow()).satisfies(record -> {
            assertThat(record.status()).isEqualTo(MessageStatus.ACCEPTED);
            assertThat(record.outcomeUnknown()).isFalse();
            assertThat(record.nextAttemptAt()).isBefore(clock.instant());
        });

        assertThat(store.markInFlight(current, LEASE)).as("sent under the new claim").hasSize(1);
        assertThat(store.find(Channel.EMAIL, "fence-1").orElseThrow().attempts()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_record_read_outside_a_claim_cannot_send_the_message(String name, Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        store.accept(message("api-1"));
        claim(store, "a", "run-1");
        MessageRecord read = store.find(Channel.EMAIL, "api-1").orElseThrow();

        assertThat(read.claimId()).isNull();
        assertThat(store.markInFlight(List.of(read), LEASE)).isEmpty();
        assertThat(store.clearOutcomeUnknown(read)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_restart_gives_back_the_claims_of_earlier_runs_only_and_checks_in_flight_ones_after_the_longest_request(
            String name, Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        Duration longestRequest = Duration.ofSeconds(70);
        store.accept(message("old-waiting"));
        clock.advance(Duration.ofMillis(1));
        store.accept(message("old-in-flight"));
        // The earlier run (still alive in a rolling restart) holds both; one request of it is on its way.
        List<MessageRecord> earlier = claim(store, "gw", "run-1");
        store.markInFlight(earlier.subList(1, 2), LEASE);
        clock.advance(Duration.ofSeconds(1));
        store.accept(message("new-run"));
        List<MessageRecord> mine = claim(store, "gw", "run-2");

        assertThat(store.releaseClaims("gw", "run-2", longestRequest)).isEqualTo(2);

        assertThat(store.markInFlight(mine, LEASE)).as("this run's own claim is kept").hasSize(1);
        assertThat(store.markInFlight(earlier, LEASE)).as("the earlier run's copies send nothing").isEmpty();
        assertThat(claim(store, "gw", "run-2")).extracting(MessageRecord::messageKey)
                .containsExactly("old-waiting");
        clock.advance(longestRequest);
        assertThat(claim(store, "gw", "run-2")).singleElement().satisfies(record -> {
            assertThat(record.messageKey()).isEqualTo("old-in-flight");
            assertThat(record.outcomeUnknown()).as("checked at MCE before any resend").isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void each_absence_after_an_unknown_outcome_is_counted_until_a_replay_starts_again(String name,
            Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        store.accept(message("unknown-1"));
        for (int send = 0; send < 2; send++) {
            MessageRecord claimed = claim(store, "a", "run-1").get(0);
            store.markInFlight(List.of(claimed), LEASE);
            store.retryLater(List.of(claimed), clock.instant(), true, new SendError("INTERMEDIARY", null, "502"));
            assertThat(store.clearOutcomeUnknown(claim(store, "a", "run-1").get(0))).isTrue();
            store.releaseClaims("a", "run-2", Duration.ZERO);
        }
        assertThat(store.find(Channel.EMAIL, "unknown-1").orElseThrow().unknownOutcomeChecks()).isEqualTo(2);

        store.markFailed(claim(store, "a", "run-1"), new SendError("GATEWAY", "UNKNOWN_OUTCOME_LIMIT",
                "given up"));
        store.replay(Channel.EMAIL, "unknown-1");
        assertThat(store.find(Channel.EMAIL, "unknown-1").orElseThrow().unknownOutcomeChecks()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_claim_takes_no_more_unknown_outcomes_than_allowed_and_fresh_messages_all_the_same(String name,
            Supplier<DataSource> database) {
        MessageStore store = new MessageStore(database.get(), clock);
        for (int i = 0; i < 3; i++) {
            store.accept(message("unknown-" + i));
        }
        store.retryLater(claim(store, "a", "run-1"), clock.instant(), true, new SendError("NETWORK", null, "lost"));
        store.accept(message("fresh-1"));

        List<MessageRecord> claimed = store.claimDue("a", "run-1", LEASE, 10, 1);
        assertThat(claimed).filteredOn(MessageRecord::outcomeUnknown).hasSize(1);
        assertThat(claimed).extracting(MessageRecord::messageKey).hasSize(2).contains("fresh-1");
    }
}
