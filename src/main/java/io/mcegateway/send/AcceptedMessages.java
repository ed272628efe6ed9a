package io.mcegateway.send;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The idempotent consumer's repository over the message store: adding a key stores the whole message in the same
 * INSERT, so "seen" and "stored" can never disagree, and the primary key settles races between threads and
 * instances. Keys are never removed: an accepted message is never accepted again.
 */
public final class AcceptedMessages extends ServiceSupport implements IdempotentRepository {

    private final MessageStore store;
    private final MeterRegistry meters;

    public AcceptedMessages(MessageStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        NewMessage message = exchange.getMessage().getBody(NewMessage.class);
        boolean added = store.accept(message);
        meters.counter(added ? "gateway.messages.accepted" : "gateway.messages.duplicates",
                "channel", message.channel().path()).increment();
        return added;
    }

    @Override
    public boolean add(String key) {
        throw new UnsupportedOperationException("A message is stored with its content: use add(exchange, key)");
    }

    @Override
    public boolean contains(String key) {
        String[] parts = key.split(":", 2);
        return store.contains(Channel.valueOf(parts[0]), parts[1]);
    }

    @Override
    public boolean remove(String key) {
        // Never forget an accepted key, even when later processing fails: that is what prevents a second send.
        return false;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("Accepted messages are not cleared through the idempotent consumer");
    }
}
