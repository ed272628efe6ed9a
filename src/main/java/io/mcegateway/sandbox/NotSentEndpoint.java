package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** {@code GET /messaging/v1/{email|sms}/messages/?type=notSent&$pageSize=N&lastEventId=K} (reference §2.6). */
final class NotSentEndpoint {

    static final int DEFAULT_PAGE_SIZE = 50;
    /** MCE publishes no maximum; larger requests are cut to this rather than refused. */
    static final int MAX_PAGE_SIZE = 500;

    private final MessageStore messages;

    NotSentEndpoint(MessageStore messages) {
        this.messages = messages;
    }

    SandboxResponse handle(Channel channel, BusinessUnit businessUnit, QueryParameters query) {
        if (!query.get("type").map("notSent"::equals).orElse(false)) {
            return MceErrors.badRequest(TmError.INVALID_VALUE, "type is required and must be notSent");
        }
        Optional<Long> pageSize = number(query.get("$pageSize"), DEFAULT_PAGE_SIZE);
        if (pageSize.isEmpty() || pageSize.get() < 1) {
            return MceErrors.badRequest(TmError.INVALID_VALUE, "$pageSize must be a positive integer");
        }
        Optional<Long> lastEventId = number(query.get("lastEventId"), 0);
        if (lastEventId.isEmpty() || lastEventId.get() < 0) {
            return MceErrors.badRequest(TmError.INVALID_VALUE, "lastEventId must be a non-negative integer");
        }
        MessageStore.NotSentPage page = messages.notSent(businessUnit, channel, lastEventId.get(),
                (int) Math.min(pageSize.get(), MAX_PAGE_SIZE));
        return SandboxResponse.json(200, body(channel, page));
    }

    private static ObjectNode body(Channel channel, MessageStore.NotSentPage page) {
        ObjectNode body = Json.object();
        // Response casing differs from the request's lastEventId, as in the docs.
        body.put("lastEventID", page.lastEventId());
        ArrayNode items = body.putArray("messages");
        for (MessageStore.NotSentEvent event : page.events()) {
            StoredMessage message = event.message();
            ObjectNode item = items.addObject();
            item.put("statusCode", message.notSentReason().statusCode());
            item.put("statusMessage", message.notSentReason().statusMessage());
            item.put("eventCategoryType", channel.eventCategoryType(DeliveryState.NOT_SENT));
            item.put("timestamp", CentralTimestamps.format(message.dueAt()));
            item.put("definitionKey", message.definitionKey());
            item.put("eventID", event.eventId());
            ObjectNode info = item.putObject("info");
            info.put("messageKey", message.messageKey());
            info.put("contactKey", message.contactKey());
        }
        body.put("count", page.events().size());
        return body;
    }

    private static Optional<Long> number(Optional<String> text, long whenAbsent) {
        if (text.isEmpty()) {
            return Optional.of(whenAbsent);
        }
        try {
            return Optional.of(Long.parseLong(text.get().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
