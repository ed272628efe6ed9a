package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a Transactional Messaging send body. Problems with the request as a whole throw
 * {@link SendRejectedException} (HTTP 400); problems with one recipient are kept on that recipient, who is
 * then reported in {@code responses[]} and not queued, while the others are (reference §2.3, §2.9).
 */
final class SendRequestParser {

    /** "Up to 100 characters, no character restrictions" (reference §2.4). */
    static final int MAX_MESSAGE_KEY_LENGTH = 100;

    /** A recipient as sent; {@code error} is null when it may be queued. */
    record RecipientEntry(String messageKey, String contactKey, String to, TmError error, String errorDetail) {
        boolean valid() {
            return error == null;
        }
    }

    record ParsedSend(String definitionKey, List<RecipientEntry> recipients) {
    }

    private SendRequestParser() {
    }

    /** {@code POST …/messages/{messageKey}}: one {@code recipient}, its key taken from the path. */
    static ParsedSend single(String messageKey, byte[] body) throws SendRejectedException {
        ObjectNode request = requestObject(body);
        String definitionKey = definitionKey(request);
        JsonNode recipient = request.get("recipient");
        if (recipient == null || recipient.isNull()) {
            throw new SendRejectedException(TmError.NO_SUBSCRIBERS, "recipient is required");
        }
        if (!recipient.isObject()) {
            throw new SendRejectedException(TmError.INVALID_DATA_TYPE, "recipient must be an object");
        }
        checkLength(messageKey);
        return new ParsedSend(definitionKey, List.of(entry(messageKey, recipient)));
    }

    /** {@code POST …/messages/}: a {@code recipients} array; recipients without a messageKey get a generated one. */
    static ParsedSend batch(byte[] body, int maxRecipients) throws SendRejectedException {
        ObjectNode request = requestObject(body);
        String definitionKey = definitionKey(request);
        JsonNode recipients = request.get("recipients");
        if (recipients == null || recipients.isNull()) {
            throw new SendRejectedException(TmError.NO_SUBSCRIBERS, "recipients is required");
        }
        if (!recipients.isArray()) {
            throw new SendRejectedException(TmError.INVALID_DATA_TYPE, "recipients must be an array");
        }
        if (recipients.isEmpty()) {
            throw new SendRejectedException(TmError.NO_SUBSCRIBERS, "recipients must not be empty");
        }
        if (recipients.size() > maxRecipients) {
            throw new SendRejectedException(TmError.TOO_MANY_SUBSCRIBERS,
                    "A request can have at most " + maxRecipients + " recipients; it had " + recipients.size());
        }
        List<RecipientEntry> entries = new ArrayList<>(recipients.size());
        Set<String> keysInRequest = new HashSet<>();
        for (JsonNode recipient : recipients) {
            if (!recipient.isObject()) {
                throw new SendRejectedException(TmError.INVALID_DATA_TYPE, "each recipient must be an object");
            }
            String messageKey = batchMessageKey(recipient);
            if (!keysInRequest.add(messageKey)) {
                // Not 109110: a client may read that code as "already accepted", but nothing here was queued.
                throw new SendRejectedException(TmError.INVALID_MESSAGE_KEY,
                        "messageKey " + messageKey + " is used more than once in the request");
            }
            entries.add(entry(messageKey, recipient));
        }
        return new ParsedSend(definitionKey, entries);
    }

    private static ObjectNode requestObject(byte[] body) throws SendRejectedException {
        ObjectNode request = Json.parseObject(body).orElseThrow(() -> new SendRejectedException(
                TmError.INVALID_MESSAGE_FORMAT, "the request body is not a valid JSON object"));
        if (request.has("recipient") && request.has("recipients")) {
            throw new SendRejectedException(TmError.VALIDATION, "Use either recipient or recipients, not both");
        }
        return request;
    }

    private static String definitionKey(ObjectNode request) throws SendRejectedException {
        JsonNode definitionKey = request.get("definitionKey");
        if (definitionKey == null || definitionKey.isNull()
                || (definitionKey.isTextual() && definitionKey.textValue().isBlank())) {
            throw new SendRejectedException(TmError.MISSING_DEFINITION_KEY, "definitionKey is required");
        }
        if (!definitionKey.isTextual()) {
            throw new SendRejectedException(TmError.INVALID_DATA_TYPE, "definitionKey must be a string");
        }
        return definitionKey.textValue();
    }

    private static String batchMessageKey(JsonNode recipient) throws SendRejectedException {
        JsonNode messageKey = recipient.get("messageKey");
        if (messageKey == null || messageKey.isNull()) {
            return RandomKeys.messageKey();
        }
        if (!messageKey.isTextual()) {
            throw new SendRejectedException(TmError.INVALID_DATA_TYPE, "messageKey must be a string");
        }
        if (messageKey.textValue().isEmpty()) {
            throw new SendRejectedException(TmError.INVALID_MESSAGE_KEY, "messageKey must not be empty");
        }
        checkLength(messageKey.textValue());
        return messageKey.textValue();
    }

    private static void checkLength(String messageKey) throws SendRejectedException {
        if (messageKey.length() > MAX_MESSAGE_KEY_LENGTH) {
            throw new SendRejectedException(TmError.INVALID_MESSAGE_KEY,
                    "messageKey must be at most " + MAX_MESSAGE_KEY_LENGTH + " characters");
        }
    }

    private static RecipientEntry entry(String messageKey, JsonNode recipient) {
        String to = nonBlankText(recipient, "to");
        String contactKey = nonBlankText(recipient, "contactKey");
        if (to == null) {
            return new RecipientEntry(messageKey, contactKey, null, TmError.MISSING_TO, "Invalid subscriber");
        }
        if (contactKey == null) {
            return new RecipientEntry(messageKey, null, to, TmError.MISSING_SUBSCRIBER_KEY, "Invalid subscriber");
        }
        return new RecipientEntry(messageKey, contactKey, to, null, null);
    }

    private static String nonBlankText(JsonNode node, String field) {
        String text = Json.text(node, field);
        return text == null || text.isBlank() ? null : text;
    }
}
