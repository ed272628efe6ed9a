package io.mcegateway.send;

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

    public AcceptedMessages(MessageStore store) {
        this.store = store;
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        return store.accept(exchange.getMessage().getBody(NewMessage.class));
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
