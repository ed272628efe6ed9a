package io.mcegateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcegateway.mce.MceRestCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * Reads a gateway single-send request ({@code POST /api/v1/{channel}/messages/{messageKey}}) into an MCE single-send
 * call. Only the fields MCE documents are passed on, rebuilt as data, never spliced as text.
 */
public final class SingleSendRequest {

    /** MCE's documented limit for a messageKey. */
    static final int MAX_MESSAGE_KEY_LENGTH = 100;
    public static final String BUSINESS_UNIT_HEADER = "X-MCE-Business-Unit";

    private final ObjectMapper json;

    public SingleSendRequest(ObjectMapper json) {
        this.json = json;
    }

    public void prepareEmail(Exchange exchange) {
        prepare(exchange, "email");
    }

    public void prepareSms(Exchange exchange) {
        prepare(exchange, "sms");
    }

    private void prepare(Exchange exchange, String channel) {
        String messageKey = exchange.getMessage().getHeader("messageKey", String.class);
        if (messageKey == null || messageKey.isBlank()) {
            throw new InvalidRequestException("messageKey", "is required in the path");
        }
        if (messageKey.length() > MAX_MESSAGE_KEY_LENGTH) {
            throw new InvalidRequestException("messageKey", "is longer than " + MAX_MESSAGE_KEY_LENGTH + " characters");
        }
        JsonNode request = parse(exchange.getMessage().getBody(String.class));
        ObjectNode mce = json.createObjectNode();
        mce.put("definitionKey", requiredText(request, "definitionKey", "definitionKey"));
        JsonNode recipient = request.get("recipient");
        if (recipient == null || !recipient.isObject()) {
            throw new InvalidRequestException("recipient", "is required and must be an object");
        }
        ObjectNode to = mce.putObject("recipient");
        to.put("contactKey", requiredText(recipient, "contactKey", "recipient.contactKey"));
        to.put("to", requiredText(recipient, "to", "recipient.to"));
        copyAttributes(recipient, to, "recipient.attributes");
        copyAttributes(request, mce, "attributes");

        exchange.setProperty(MceRestCall.METHOD, "POST");
        exchange.setProperty(MceRestCall.PATH, "messaging/v1/" + channel + "/messages/"
                + URLEncoder.encode(messageKey, StandardCharsets.UTF_8).replace("+", "%20"));
        exchange.setProperty(MceRestCall.UNIT, exchange.getMessage().getHeader(BUSINESS_UNIT_HEADER, String.class));
        exchange.getMessage().setBody(mce.toString());
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(null, "A JSON request body is required");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw new InvalidRequestException(null, "The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null, "The request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static String requiredText(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(path, "is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException(path, "must be a non-empty string");
        }
        return value.asText();
    }

    private static void copyAttributes(JsonNode from, ObjectNode to, String path) {
        JsonNode attributes = from.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return;
        }
        if (!attributes.isObject()) {
            throw new InvalidRequestException(path, "must be an object of name/value pairs");
        }
        to.set("attributes", attributes);
    }
}
