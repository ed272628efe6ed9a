package io.mcegateway.send;

import java.time.Instant;

/**
 * One stored message as the gateway knows it. {@link #toString()} leaves out the recipient (personal data).
 *
 * @param unknownOutcomeChecks status checks that found the message absent at MCE after a send whose outcome was
 *                             unknown
 * @param claimId the claim under which this copy was handed out to the send flow; null when the record was read
 *                outside a claim (the API, reconciliation). The send flow's writes only apply while it is still the
 *                message's claim, so a copy with null or a superseded claim can never send or change the message.
 */
public record MessageRecord(
        Channel channel,
        String messageKey,
        String businessUnit,
        String definitionKey,
        String recipientJson,
        String attributesJson,
        String batchGroup,
        MessageStatus status,
        int attempts,
        Instant nextAttemptAt,
        boolean outcomeUnknown,
        String mceRequestId,
        String lastErrorSource,
        String lastErrorCode,
        String lastErrorMessage,
        Integer mceStatusCode,
        String mceStatusMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        int unknownOutcomeChecks,
        String claimId) {

    /** This record as handed out under {@code claim}. */
    MessageRecord claimedAs(String claim) {
        return new MessageRecord(channel, messageKey, businessUnit, definitionKey, recipientJson, attributesJson,
                batchGroup, status, attempts, nextAttemptAt, outcomeUnknown, mceRequestId, lastErrorSource,
                lastErrorCode, lastErrorMessage, mceStatusCode, mceStatusMessage, createdAt, updatedAt, submittedAt,
                unknownOutcomeChecks, claim);
    }

    @Override
    public String toString() {
        return "MessageRecord[" + channel.path() + "/" + messageKey + ", " + status + ", attempts=" + attempts + "]";
    }
}
