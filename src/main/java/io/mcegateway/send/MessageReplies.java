package io.mcegateway.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Exchange;

/** Builds the gateway API's replies from the message store. Replies never repeat the recipient (personal data). */
public final class MessageReplies {

    private final ObjectMapper json;
    private final MessageStore store;

    public MessageReplies(ObjectMapper json, MessageStore store) {
        this.json = json;
        this.store = store;
    }

    /** After the idempotent consumer: 202 for a newly stored message, 200 with its record for a known one. */
    public void single(Exchange exchange) {
        Channel channel = exchange.getProperty(SendRequests.CHANNEL, Channel.class);
        String messageKey = exchange.getProperty(SendRequests.MESSAGE_KEY, String.class);
        if (duplicate(exchange)) {
            reply(exchange, 200, record(store.find(channel, messageKey).orElseThrow()));
        } else {
            ObjectNode accepted = json.createObjectNode();
            accepted.put("messageKey", messageKey);
            accepted.put("status", MessageStatus.ACCEPTED.name());
            reply(exchange, 202, accepted);
        }
    }

    /** One entry per recipient, in request order. 202 when at least one message is new, else 200. */
    public void batch(Exchange exchange) {
        Channel channel = exchange.getProperty(SendRequests.CHANNEL, Channel.class);
        List<?> results = exchange.getMessage().getBody(List.class);
        ArrayNode messages = json.createArrayNode();
        boolean anyNew = false;
        for (Object result : results) {
            BatchEntry entry = (BatchEntry) result;
            ObjectNode item = messages.addObject();
            item.put("messageKey", entry.messageKey());
            if (entry.duplicate()) {
                item.put("status", store.find(channel, entry.messageKey()).map(r -> r.status().name()).orElse("UNKNOWN"));
                item.put("duplicate", true);
            } else {
                item.put("status", MessageStatus.ACCEPTED.name());
                anyNew = true;
            }
        }
        ObjectNode body = json.createObjectNode();
        body.set("messages", messages);
        reply(exchange, anyNew ? 202 : 200, body);
    }

    /** Inside the batch split, after the idempotent consumer: what happened to this recipient. */
    public BatchEntry entry(Exchange exchange) {
        return new BatchEntry(exchange.getMessage().getBody(NewMessage.class).messageKey(), duplicate(exchange));
    }

    /** {@code GET /api/v1/{channel}/messages/{messageKey}}. */
    public void read(Exchange exchange) {
        Channel channel = exchange.getProperty(SendRequests.CHANNEL, Channel.class);
        String messageKey = exchange.getProperty(SendRequests.MESSAGE_KEY, String.class);
        MessageRecord record = store.find(channel, messageKey).orElseThrow(() -> new MessageNotFoundException(
                channel, messageKey));
        reply(exchange, 200, record(record));
    }

    /** {@code POST .../{messageKey}/replay}: a FAILED message goes back in the queue. */
    public void replay(Exchange exchange) {
        Channel channel = exchange.getProperty(SendRequests.CHANNEL, Channel.class);
        String messageKey = exchange.getProperty(SendRequests.MESSAGE_KEY, String.class);
        MessageRecord record = store.find(channel, messageKey).orElseThrow(() -> new MessageNotFoundException(
                channel, messageKey));
        if (!store.replay(channel, messageKey)) {
            throw new ReplayNotAllowedException(messageKey, record.status());
        }
        reply(exchange, 202, record(store.find(channel, messageKey).orElseThrow()));
    }

    private ObjectNode record(MessageRecord record) {
        ObjectNode node = json.createObjectNode();
        node.put("channel", record.channel().path());
        node.put("messageKey", record.messageKey());
        node.put("businessUnit", record.businessUnit());
        node.put("definitionKey", record.definitionKey());
        node.put("status", record.status().name());
        node.put("attempts", record.attempts());
        node.put("mceRequestId", record.mceRequestId());
        if (record.lastErrorSource() != null || record.lastErrorMessage() != null) {
            ObjectNode error = node.putObject("lastError");
            error.put("source", record.lastErrorSource());
            error.put("code", record.lastErrorCode());
            error.put("message", record.lastErrorMessage());
        }
        if (record.mceStatusCode() != null || record.mceStatusMessage() != null) {
            ObjectNode mce = node.putObject("mceStatus");
            mce.put("statusCode", record.mceStatusCode());
            mce.put("statusMessage", record.mceStatusMessage());
        }
        node.put("createdAt", String.valueOf(record.createdAt()));
        node.put("updatedAt", String.valueOf(record.updatedAt()));
        node.put("submittedAt", record.submittedAt() == null ? null : record.submittedAt().toString());
        return node;
    }

    private static boolean duplicate(Exchange exchange) {
        return exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class);
    }

    private void reply(Exchange exchange, int status, ObjectNode body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }

    /** What the idempotent consumer decided for one batch recipient. */
    public record BatchEntry(String messageKey, boolean duplicate) {
    }
}
