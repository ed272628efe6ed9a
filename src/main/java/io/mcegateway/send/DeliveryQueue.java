package io.mcegateway.send;

import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller's side of the store: claims due messages for this instance. Each run of the process claims under an id
 * of its own, so that at start-up it gives back only what earlier runs with the same instance id held.
 */
public final class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    private final MessageStore store;
    private final String instanceId;
    private final ClaimLease lease;
    private final int limit;
    private final StatusCheckAllowance lookups;
    /** This run of the instance. */
    private final String boot = UUID.randomUUID().toString();

    /**
     * @param lookups how many messages with an unknown send outcome may be claimed (each needs a status lookup)
     */
    public DeliveryQueue(MessageStore store, String instanceId, ClaimLease lease, int limit,
            StatusCheckAllowance lookups) {
        this.store = store;
        this.instanceId = instanceId;
        this.lease = lease;
        this.limit = limit;
        this.lookups = lookups;
    }

    public String instanceId() {
        return instanceId;
    }

    public ClaimLease lease() {
        return lease;
    }

    /** Called once at start-up: take back at once what earlier runs of this instance held. */
    public void resume() {
        int released = store.releaseClaims(instanceId, boot, lease.longestRequest());
        if (released > 0) {
            LOG.info("Resuming {} message(s) earlier runs of this instance ({}) held; any that may have reached MCE "
                    + "are checked there, after {}, before they are sent again", released, instanceId,
                    lease.longestRequest());
        }
    }

    /** Body becomes the claimed messages (possibly none). */
    public void claim(Exchange exchange) {
        List<MessageRecord> claimed = store.claimDue(instanceId, boot, lease.length(), limit, lookups.available());
        lookups.take((int) claimed.stream().filter(MessageRecord::outcomeUnknown).count());
        exchange.getMessage().setBody(claimed);
    }
}
