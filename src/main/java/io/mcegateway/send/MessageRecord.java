package io.mcegateway.send;

import java.time.Instant;

/** One stored message as the gateway knows it. {@link #toString()} leaves out the recipient (personal data). */
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
        Instant submittedAt) {

    @Override
    public String toString() {
        return "MessageRecord[" + channel.path() + "/" + messageKey + ", " + status + ", attempts=" + attempts + "]";
    }
}
