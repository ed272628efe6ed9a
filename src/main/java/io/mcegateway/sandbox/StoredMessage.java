package io.mcegateway.sandbox;

import java.time.Instant;

/**
 * One acceptance of a messageKey. Whether and when it ends NotSent is fixed at acceptance, so that its
 * status never flips and not-sent events are stable.
 *
 * @param dueAt         when Queued turns into Sent or NotSent (acceptance plus the status delay of that time)
 * @param notSentReason why it ends NotSent, or null when it ends Sent
 */
record StoredMessage(BusinessUnit businessUnit, Channel channel, String messageKey, String definitionKey,
                     String contactKey, String to, Instant acceptedAt, Instant dueAt,
                     NotSentReason notSentReason, String compositeId) {

    DeliveryState stateAt(Instant now) {
        if (now.isBefore(dueAt)) {
            return DeliveryState.QUEUED;
        }
        return notSentReason != null ? DeliveryState.NOT_SENT : DeliveryState.SENT;
    }
}
