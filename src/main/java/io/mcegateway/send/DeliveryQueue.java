package io.mcegateway.send;

import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The poller's side of the store: claims due messages for this instance. */
public final class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    private final MessageStore store;
    private final String instanceId;
    private final ClaimLease lease;
    private final int limit;

    public DeliveryQueue(MessageStore store, String instanceId, ClaimLease lease, int limit) {
        this.store = store;
        this.instanceId = instanceId;
        this.lease = lease;
        this.limit = limit;
    }

    public String instanceId() {
        return instanceId;
    }

    public ClaimLease lease() {
        return lease;
    }

    /** Called once at start-up: take back at once what this instance held when it last stopped. */
    public void resume() {
        int released = store.releaseClaims(instanceId);
        if (released > 0) {
            LOG.info("Resuming {} message(s) this instance ({}) held when it stopped; any that may have reached "
                    + "MCE are checked before they are sent again", released, instanceId);
        }
    }

    /** Body becomes the claimed messages (possibly none). */
    public void claim(Exchange exchange) {
        List<MessageRecord> claimed = store.claimDue(instanceId, lease.length(), limit);
        exchange.getMessage().setBody(claimed);
    }
}
