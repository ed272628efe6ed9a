package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class MessageBatchesTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final MessageBatches batches = new MessageBatches(new MutableClock(Instant.parse("2026-12-03T10:00:00Z")),
            Duration.ofSeconds(1));

    @Test
    void a_message_key_arriving_twice_goes_into_the_batch_once_as_its_later_copy() {
        Exchange batch = batches.aggregate(null, arriving(message("k1", "claim-1")));
        batch = batches.aggregate(batch, arriving(message("k2", "claim-1")));
        batch = batches.aggregate(batch, arriving(message("k1", "claim-2")));

        @SuppressWarnings("unchecked")
        List<MessageRecord> messages = batch.getMessage().getBody(List.class);
        assertThat(messages).extracting(MessageRecord::messageKey).containsExactly("k2", "k1");
        assertThat(messages.get(1).claimId()).isEqualTo("claim-2");
    }

    private Exchange arriving(MessageRecord message) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(message);
        return exchange;
    }

    private static MessageRecord message(String key, String claim) {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        return new MessageRecord(Channel.EMAIL, key, "default", "welcome", "{}", null, "group-1",
                MessageStatus.ACCEPTED, 0, now, false, null, null, null, null, null, null, now, now, null, 0, claim);
    }
}
