package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.mce.CallAdmission;
import io.mcegateway.mce.MceRestCall;
import io.mcegateway.support.MutableClock;
import io.mcegateway.support.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The fence: each request carries only the messages still held under the claim their copy carries. */
class SendBatchesTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final DataSource database = TestDatabases.h2();
    private final MessageStore store = new MessageStore(database, clock);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SendBatches batches = new SendBatches(new ObjectMapper(), store,
            new ClaimLease(LEASE, Duration.ofSeconds(70)), Duration.ofSeconds(5), Duration.ofSeconds(10), clock,
            meters);

    @Test
    void a_message_taken_over_by_another_claim_is_dropped_from_the_request_before_it_leaves() throws Exception {
        List<MessageRecord> claimed = claim("keep-1", "lost-1");
        takeOver("lost-1");
        Exchange exchange = prepared(claimed);

        admit(exchange);

        assertThat(exchange.getMessage().getBody(String.class)).contains("\"keep-1\"").doesNotContain("lost-1");
        assertThat(exchange.getProperty(SendBatches.BATCH, List.class)).hasSize(1);
        assertThat(store.find(Channel.EMAIL, "lost-1").orElseThrow().outcomeUnknown()).isFalse();
        assertThat(meters.counter("gateway.send.claims.lost", "channel", "email").count()).isEqualTo(1);
    }

    @Test
    void a_redelivery_resends_only_what_the_fence_kept_although_camel_restores_the_first_body() throws Exception {
        List<MessageRecord> claimed = claim("keep-2", "lost-2");
        Exchange exchange = prepared(claimed);
        String firstBody = exchange.getMessage().getBody(String.class);
        admit(exchange);
        takeOver("lost-2");
        exchange.getMessage().setBody(firstBody);

        batches.redelivering(exchange);
        admit(exchange);

        assertThat(exchange.getMessage().getBody(String.class)).contains("\"keep-2\"").doesNotContain("lost-2");
        assertThat(store.find(Channel.EMAIL, "keep-2").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void a_batch_whose_every_claim_was_taken_over_sends_nothing() {
        Exchange exchange = prepared(claim("lost-3"));
        takeOver("lost-3");

        assertThatThrownBy(() -> admit(exchange)).isInstanceOf(ClaimLostException.class);
        assertThat(store.find(Channel.EMAIL, "lost-3").orElseThrow().attempts()).isZero();
    }

    @Test
    void a_send_is_admitted_by_its_fence_not_by_the_status_budget_a_status_check_left_on_the_exchange() {
        CallAdmission statusBudget = ignored -> {
            throw new AssertionError("a send passed the status budget");
        };
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(MceRestCall.ADMISSION, statusBudget);
        exchange.getMessage().setBody(claim("budget-1"));
        batches.prepare(exchange);

        assertThat(exchange.getProperty(MceRestCall.ADMISSION)).isNotSameAs(statusBudget);
        assertThatCode(() -> admit(exchange)).doesNotThrowAnyException();
    }

    private List<MessageRecord> claim(String... keys) {
        for (String key : keys) {
            store.accept(new NewMessage(Channel.EMAIL, key, "default", "welcome",
                    "{\"contactKey\":\"c\",\"to\":\"a@example.com\"}", null, "group-1"));
        }
        return store.claimDue("a", "run-1", LEASE, 10, 10);
    }

    /** What the poller does once the copy's lease ran out while it waited: a new claim on the message. */
    private void takeOver(String key) {
        new JdbcTemplate(database).update("UPDATE gateway_message SET claim_id = ? WHERE message_key = ?",
                UUID.randomUUID().toString(), key);
    }

    private Exchange prepared(List<MessageRecord> batch) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(batch);
        batches.prepare(exchange);
        return exchange;
    }

    private static void admit(Exchange exchange) throws InterruptedException {
        exchange.getProperty(MceRestCall.ADMISSION, CallAdmission.class).admit(exchange);
    }
}
