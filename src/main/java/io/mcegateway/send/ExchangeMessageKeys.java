package io.mcegateway.send;

import java.util.List;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * The messageKeys an MCE call is about, for its exchange-log record: the send flow's batch
 * ({@link SendBatches#BATCH}) or the message a status check looks up ({@link StatusChecks#MESSAGE}); none for a
 * token request. The batch wins: an exchange that checked a status and then joined a batch carries both.
 */
public final class ExchangeMessageKeys implements Function<Exchange, List<String>> {

    @Override
    public List<String> apply(Exchange exchange) {
        if (exchange.getProperty(SendBatches.BATCH) instanceof List<?> batch) {
            return batch.stream()
                    .filter(MessageRecord.class::isInstance)
                    .map(message -> ((MessageRecord) message).messageKey())
                    .toList();
        }
        if (exchange.getProperty(StatusChecks.MESSAGE) instanceof MessageRecord checked) {
            return List.of(checked.messageKey());
        }
        return List.of();
    }
}
