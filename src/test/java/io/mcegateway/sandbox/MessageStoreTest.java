package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final MessageStore store = new MessageStore(clock);
    private final BusinessUnit unit = new BusinessUnit("client", "1");
    private SandboxSettings settings = SandboxSettings.defaults().withStatusDelay(Duration.ofSeconds(2));

    @Test
    void rejects_a_key_until_the_window_has_passed_then_accepts_it_again() {
        assertThat(accept("k")).containsExactly(true);

        clock.advance(Duration.ofDays(2).minusMillis(1));
        assertThat(accept("k")).containsExactly(false);

        clock.advance(Duration.ofMillis(1));
        assertThat(accept("k")).containsExactly(true);
    }

    @Test
    void checks_the_window_in_force_at_the_time_of_the_send() {
        accept("k");
        clock.advance(Duration.ofHours(30));

        assertThat(accept("k")).containsExactly(false);
        settings = settings.withDuplicateKeyWindow(Duration.ofHours(24));
        assertThat(accept("k")).containsExactly(true);
    }

    @Test
    void reports_queued_then_sent_after_the_status_delay() {
        accept("k");

        assertThat(store.find(unit, Channel.EMAIL, "k").orElseThrow().stateAt(clock.instant())).isEqualTo(DeliveryState.QUEUED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.find(unit, Channel.EMAIL, "k").orElseThrow().stateAt(clock.instant())).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void forgets_statuses_older_than_three_days() {
        accept("k");

        clock.advance(Duration.ofDays(3).plusMillis(1));

        assertThat(store.find(unit, Channel.EMAIL, "k")).isEmpty();
    }

    @Test
    void gives_not_sent_events_ids_in_the_order_they_become_due() {
        settings = settings.withNotSentRatio(1.0).withStatusDelay(Duration.ofSeconds(10));
        accept("slow");
        settings = settings.withStatusDelay(Duration.ofSeconds(1));
        accept("fast");

        clock.advance(Duration.ofSeconds(1));
        MessageStore.NotSentPage first = store.notSent(unit, Channel.EMAIL, 0, 50);
        clock.advance(Duration.ofSeconds(10));
        MessageStore.NotSentPage second = store.notSent(unit, Channel.EMAIL, first.lastEventId(), 50);

        assertThat(first.events()).extracting(event -> event.message().messageKey()).containsExactly("fast");
        assertThat(second.events()).extracting(event -> event.message().messageKey()).containsExactly("slow");
        assertThat(second.events().get(0).eventId()).isGreaterThan(first.events().get(0).eventId());
        assertThat(store.notSent(unit, Channel.EMAIL, 0, 50).events())
                .as("IDs are stable across reads").extracting(MessageStore.NotSentEvent::eventId)
                .containsExactly(first.events().get(0).eventId(), second.events().get(0).eventId());
    }

    @Test
    void pages_not_sent_events_after_the_given_id() {
        settings = settings.withNotSentRatio(1.0);
        store.accept(unit, Channel.SMS, "def", IntStream.range(0, 5)
                .mapToObj(i -> new MessageStore.Recipient("k" + i, "c" + i, "1555")).toList(), settings);
        clock.advance(Duration.ofSeconds(2));

        MessageStore.NotSentPage page = store.notSent(unit, Channel.SMS, 0, 2);
        MessageStore.NotSentPage next = store.notSent(unit, Channel.SMS, page.lastEventId(), 10);
        MessageStore.NotSentPage empty = store.notSent(unit, Channel.SMS, next.lastEventId(), 10);

        assertThat(page.events()).hasSize(2);
        assertThat(next.events()).hasSize(3);
        assertThat(empty.events()).isEmpty();
        assertThat(empty.lastEventId()).isEqualTo(next.lastEventId());
    }

    @Test
    void decides_not_sent_by_a_stable_draw_per_key() {
        List<Boolean> first = IntStream.range(0, 200)
                .mapToObj(i -> NotSentDraw.decide(Channel.EMAIL, "key-" + i, 0.5).isPresent()).toList();
        List<Boolean> second = IntStream.range(0, 200)
                .mapToObj(i -> NotSentDraw.decide(Channel.EMAIL, "key-" + i, 0.5).isPresent()).toList();

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(b -> b).count()).isBetween(60L, 140L);
        assertThat(NotSentDraw.decide(Channel.EMAIL, "any", 0.0)).isEmpty();
        assertThat(NotSentDraw.decide(Channel.SMS, "any", 1.0)).isPresent();
    }

    private List<Boolean> accept(String messageKey) {
        return store.accept(unit, Channel.EMAIL, "def",
                List.of(new MessageStore.Recipient(messageKey, "c", "a@example.com")), settings);
    }
}
