package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.send.Channel;
import io.mcegateway.send.LookupOutcome;
import io.mcegateway.send.MessageReplies;
import io.mcegateway.send.MessageStatus;
import io.mcegateway.send.MessageStore;
import io.mcegateway.send.NewMessage;
import io.mcegateway.send.SendRequests;
import io.mcegateway.send.StatusChecks;
import io.mcegateway.support.TestDatabases;
import io.mcegateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class LiveStatusesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:30Z"));
    private final MessageStore store = new MessageStore(TestDatabases.h2(), clock);
    private final LiveStatuses live = new LiveStatuses(store, new ObjectMapper(), Duration.ofSeconds(10),
            Duration.ofSeconds(5), clock);
    private final DefaultCamelContext camel = new DefaultCamelContext();

    LiveStatusesTest() {
        store.accept(new NewMessage(Channel.EMAIL, "k1", "default", "welcome", "{}", null, "g"));
        store.markSubmitted(Channel.EMAIL, List.of("k1"), "req-1");
    }

    @Test
    void requests_during_a_lookup_wait_for_it_and_later_ones_reuse_it_until_the_period_ends() throws Exception {
        Exchange leader = request("k1");
        live.join(leader);
        assertThat(leader.getProperty(LiveStatuses.LEADER, false, Boolean.class)).isTrue();

        List<CompletableFuture<Exchange>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> joined(request("k1"))));
        }
        leader.setProperty(StatusChecks.OUTCOME, LookupOutcome.QUEUED);
        leader.setProperty(StatusChecks.EVENT, "TransactionalSendEvents.EmailQueued");
        live.publish(leader);

        for (CompletableFuture<Exchange> follower : waiting) {
            Exchange answered = follower.get(10, TimeUnit.SECONDS);
            assertThat(answered.getProperty(LiveStatuses.LEADER)).isNull();
            assertThat(liveOf(answered).get("eventCategoryType").asText())
                    .isEqualTo("TransactionalSendEvents.EmailQueued");
            assertThat(liveOf(answered).get("cached").asBoolean()).isTrue();
        }
        assertThat(liveOf(leader).get("cached").asBoolean()).isFalse();

        clock.advance(Duration.ofSeconds(9));
        assertThat(joined(request("k1")).getProperty(LiveStatuses.LEADER)).as("within the period").isNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(joined(request("k1")).getProperty(LiveStatuses.LEADER)).as("period over").isEqualTo(true);
    }

    @Test
    void a_failed_lookup_is_shared_with_its_reason() {
        Exchange leader = joined(request("k1"));
        leader.setProperty(StatusChecks.OUTCOME, LookupOutcome.FAILED);
        live.publish(leader);

        JsonNode shared = liveOf(joined(request("k1")));

        assertThat(shared.get("refreshed").asBoolean()).isFalse();
        assertThat(shared.get("reason").asText()).startsWith("MCE's status lookup failed");
    }

    @Test
    void a_final_message_is_not_looked_up() {
        store.markMceStatus(Channel.EMAIL, "k1", MessageStatus.SENT, null, null);

        Exchange request = joined(request("k1"));

        assertThat(request.getProperty(LiveStatuses.LEADER)).isNull();
        assertThat(liveOf(request).get("reason").asText()).isEqualTo("SENT is final: MCE's answer cannot change it");
    }

    private Exchange request(String messageKey) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(SendRequests.CHANNEL, Channel.EMAIL);
        exchange.setProperty(SendRequests.MESSAGE_KEY, messageKey);
        return exchange;
    }

    private Exchange joined(Exchange exchange) {
        try {
            live.join(exchange);
            return exchange;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode liveOf(Exchange exchange) {
        return exchange.getProperty(MessageReplies.LIVE, JsonNode.class);
    }
}
