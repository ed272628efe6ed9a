package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** {@code GET /messaging/v1/{email|sms}/messages/{messageKey}}: send status of the latest acceptance (§2.5). */
final class StatusEndpoint {

    private final MessageStore messages;
    private final Clock clock;

    StatusEndpoint(MessageStore messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    SandboxResponse handle(Channel channel, BusinessUnit businessUnit, String messageKey) {
        Optional<StoredMessage> found = messages.find(businessUnit, channel, messageKey);
        if (found.isEmpty()) {
            // Undocumented in MCE (open question 3). The sandbox's choice: 404 with the documented
            // "Object Not Found" code 30003, in the TM error shape, so a client must handle "unknown key".
            return MceErrors.generic(404,
                    TmError.OBJECT_NOT_FOUND.message("No message found for messageKey"),
                    TmError.OBJECT_NOT_FOUND.code(), "");
        }
        return SandboxResponse.json(200, body(found.get(), clock.instant()));
    }

    private static ObjectNode body(StoredMessage message, Instant now) {
        DeliveryState state = message.stateAt(now);
        ObjectNode body = Json.object();
        body.put("requestId", UUID.randomUUID().toString());
        body.put("eventCategoryType", message.channel().eventCategoryType(state));
        if (state == DeliveryState.QUEUED) {
            // The Queued example has neither compositeId nor info.
            body.put("timestamp", CentralTimestamps.format(message.acceptedAt()));
            return body;
        }
        body.put("timestamp", CentralTimestamps.format(message.dueAt()));
        body.put("compositeId", message.compositeId());
        ObjectNode info = body.putObject("info");
        info.put("messageKey", message.messageKey());
        info.put("contactKey", message.contactKey());
        if (message.channel().statusShowsTo()) {
            info.put("to", message.to());
        }
        if (state == DeliveryState.NOT_SENT) {
            info.put("statusCode", message.notSentReason().statusCode());
            info.put("statusMessage", message.notSentReason().statusMessage());
        }
        return body;
    }
}
