package io.mcegateway.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcegateway.api.InvalidRequestException;
import io.mcegateway.api.JsonContentType;
import io.mcegateway.api.PathSegment;
import io.mcegateway.api.PayloadTooLargeException;
import io.mcegateway.api.UnsupportedMediaTypeException;
import io.mcegateway.token.BusinessUnits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * Reads and checks the gateway API's send requests, which take MCE's own single-send and batch bodies. Everything
 * is checked before anything is stored, and a refusal names the field and the problem. What is stored is rebuilt
 * as data from the checked fields, never copied as text.
 */
public final class SendRequests {

    /** Exchange property: {@code CHANNEL:messageKey}, the idempotent consumer's key. */
    public static final String IDEMPOTENCY_KEY = "gatewayIdempotencyKey";
    public static final String CHANNEL = "gatewayChannel";
    public static final String MESSAGE_KEY = "gatewayMessageKey";
    public static final String BUSINESS_UNIT_HEADER = "X-MCE-Business-Unit";

    /** MCE's documented limits. */
    static final int MAX_MESSAGE_KEY_LENGTH = 100;
    static final int MAX_RECIPIENTS = 2000;
    /** The message store's definition_key column (MCE publishes no limit). */
    static final int MAX_DEFINITION_KEY_LENGTH = 200;
    private static final Set<String> SINGLE_FIELDS = Set.of("definitionKey", "recipient", "attributes");
    private static final Set<String> BATCH_FIELDS = Set.of("definitionKey", "recipients", "attributes");
    private static final Set<String> RECIPIENT_FIELDS = Set.of("contactKey", "to", "attributes", "messageKey");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    /** E.164: country code and number, 8 to 15 digits, optional leading +. */
    private static final Pattern PHONE = Pattern.compile("\\+?[1-9][0-9]{7,14}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json;
    private final BusinessUnits units;
    private final long maxBodyBytes;

    public SendRequests(ObjectMapper json, BusinessUnits units, long maxBodyBytes) {
        this.json = json;
        this.units = units;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code POST /api/v1/{channel}/messages/{messageKey}}: the body becomes one {@link NewMessage}. */
    public void readSingle(Exchange exchange) {
        Channel channel = channel(exchange);
        String messageKey = pathMessageKey(exchange, 0);
        ObjectNode request = body(exchange);
        // Before the unknown-field check, which would only call the field unknown.
        if (request.has("recipients")) {
            throw new InvalidRequestException("recipients", (request.has("recipient")
                    ? "both recipient and recipients were given; " : "")
                    + "recipients[] belongs to the batch endpoint POST /api/v1/" + channel.path()
                    + "/messages; this endpoint takes one recipient");
        }
        unknownFields(request, SINGLE_FIELDS, "");
        String businessUnit = businessUnit(exchange);
        String definitionKey = key(text(request, "definitionKey", "definitionKey"), "definitionKey",
                MAX_DEFINITION_KEY_LENGTH);
        String attributes = attributes(request, "attributes");
        JsonNode recipient = request.get("recipient");
        if (recipient == null || recipient.isNull()) {
            throw new InvalidRequestException("recipient", "is required");
        }
        ObjectNode checked = recipient(recipient, "recipient", channel, false);
        exchange.setProperty(CHANNEL, channel);
        exchange.setProperty(MESSAGE_KEY, messageKey);
        exchange.setProperty(IDEMPOTENCY_KEY, channel.name() + ":" + messageKey);
        exchange.getMessage().setBody(new NewMessage(channel, messageKey, businessUnit, definitionKey,
                checked.toString(), attributes, batchGroup(businessUnit, channel, definitionKey, attributes)));
    }

    /**
     * {@code POST /api/v1/{channel}/messages}: the body becomes a list of {@link NewMessage}, one per recipient, in
     * request order. Recipients without a messageKey get one generated here, which the reply returns.
     */
    public void readBatch(Exchange exchange) {
        Channel channel = channel(exchange);
        ObjectNode request = body(exchange);
        // Before the unknown-field check, which would only call the field unknown.
        if (request.has("recipient")) {
            throw new InvalidRequestException("recipient", (request.has("recipients")
                    ? "both recipient and recipients were given; " : "")
                    + "recipient belongs to the single-send endpoint POST /api/v1/" + channel.path()
                    + "/messages/{messageKey}; a batch takes recipients[]");
        }
        unknownFields(request, BATCH_FIELDS, "");
        String businessUnit = businessUnit(exchange);
        String definitionKey = key(text(request, "definitionKey", "definitionKey"), "definitionKey",
                MAX_DEFINITION_KEY_LENGTH);
        String attributes = attributes(request, "attributes");
        JsonNode recipients = request.get("recipients");
        if (recipients == null || recipients.isNull()) {
            throw new InvalidRequestException("recipients", "is required");
        }
        if (!recipients.isArray()) {
            throw new InvalidRequestException("recipients", "must be an array");
        }
        if (recipients.isEmpty()) {
            throw new InvalidRequestException("recipients", "must not be empty");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw new InvalidRequestException("recipients", "has " + recipients.size() + " entries; MCE takes at most "
                    + MAX_RECIPIENTS + " per request");
        }
        String group = batchGroup(businessUnit, channel, definitionKey, attributes);
        List<NewMessage> messages = new ArrayList<>(recipients.size());
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < recipients.size(); i++) {
            String path = "recipients[" + i + "]";
            ObjectNode checked = recipient(recipients.get(i), path, channel, true);
            String messageKey = checked.has("messageKey")
                    ? messageKey(checked.remove("messageKey").asText(), path + ".messageKey")
                    : generatedKey();
            if (!keys.add(messageKey)) {
                throw new InvalidRequestException(path + ".messageKey", "'" + messageKey
                        + "' appears more than once in this batch");
            }
            messages.add(new NewMessage(channel, messageKey, businessUnit, definitionKey, checked.toString(),
                    attributes, group));
        }
        exchange.setProperty(CHANNEL, channel);
        exchange.getMessage().setBody(messages);
    }

    /** {@code GET /api/v1/{channel}/messages/{messageKey}}: just the path. */
    public void readKey(Exchange exchange) {
        readKey(exchange, 0);
    }

    /** {@code POST /api/v1/{channel}/messages/{messageKey}/replay}: just the path. */
    public void readReplayKey(Exchange exchange) {
        readKey(exchange, 1);
    }

    private void readKey(Exchange exchange, int keyFromEnd) {
        Channel channel = channel(exchange);
        String messageKey = pathMessageKey(exchange, keyFromEnd);
        exchange.setProperty(CHANNEL, channel);
        exchange.setProperty(MESSAGE_KEY, messageKey);
    }

    /**
     * The messageKey path segment, percent-decoded: the same key in both runtimes, and the same as that key in a
     * batch body. Read from the raw path because the runtimes' own {messageKey} parameters differ (see PathSegment).
     *
     * @param fromEnd the segment's place before the path's last one (0: it is the last)
     */
    private static String pathMessageKey(Exchange exchange, int fromEnd) {
        String rawUri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        return messageKey(PathSegment.fromEnd(rawUri, fromEnd, "messageKey"), "messageKey");
    }

    private Channel channel(Exchange exchange) {
        String path = exchange.getMessage().getHeader("channel", String.class);
        try {
            return Channel.fromPath(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("channel", "must be 'email' or 'sms'");
        }
    }

    private String businessUnit(Exchange exchange) {
        return units.resolve(exchange.getMessage().getHeader(BUSINESS_UNIT_HEADER, String.class)).name();
    }

    /** The body as a JSON object; its fields are the caller's to check. */
    private ObjectNode body(Exchange exchange) {
        jsonContentType(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        // Before the body is read: under Spring Boot, ApiBodyLimitFilter has not let the binding read it.
        Long declaredLength = exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declaredLength != null && declaredLength > maxBodyBytes) {
            throw new PayloadTooLargeException(maxBodyBytes);
        }
        String body = exchange.getMessage().getBody(String.class);
        // A chunked body has no Content-Length: ApiBodyLimitFilter lets at most one byte too many through.
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            throw new PayloadTooLargeException(maxBodyBytes);
        }
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(null, "A JSON request body is required");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(null, "The request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(null, "The request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Checked here, not by the HTTP server ({@code consumes} in the REST DSL), so that the refusal comes after the
     * API key check and in the gateway's format, in both runtimes.
     */
    private static void jsonContentType(String contentType) {
        if (!JsonContentType.declaredBy(contentType)) {
            String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
            throw new UnsupportedMediaTypeException("Send the body as JSON, with Content-Type: application/json ("
                    + (mediaType.isEmpty() ? "no Content-Type was given" : "not " + abbreviated(mediaType)) + ")");
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private ObjectNode recipient(JsonNode node, String path, Channel channel, boolean mayHaveKey) {
        if (!node.isObject()) {
            throw new InvalidRequestException(path, "must be an object");
        }
        Set<String> allowed = mayHaveKey ? RECIPIENT_FIELDS : Set.of("contactKey", "to", "attributes");
        unknownFields(node, allowed, path + ".");
        ObjectNode checked = json.createObjectNode();
        checked.put("contactKey", text(node, "contactKey", path + ".contactKey"));
        String to = text(node, "to", path + ".to");
        if (channel == Channel.EMAIL) {
            if (to.length() > 254 || !EMAIL.matcher(to).matches()) {
                throw new InvalidRequestException(path + ".to", "is not a valid email address");
            }
            checked.put("to", to);
        } else {
            String digits = to.replace(" ", "");
            if (!PHONE.matcher(digits).matches()) {
                throw new InvalidRequestException(path + ".to", "is not a valid mobile number (E.164: country code "
                        + "and number, 8 to 15 digits)");
            }
            // MCE documents the SMS recipient as E.164 digits, without the plus sign.
            checked.put("to", digits.startsWith("+") ? digits.substring(1) : digits);
        }
        String attributes = attributes(node, path + ".attributes");
        if (attributes != null) {
            checked.set("attributes", node.get("attributes"));
        }
        if (mayHaveKey && node.has("messageKey") && !node.get("messageKey").isNull()) {
            JsonNode key = node.get("messageKey");
            if (!key.isTextual()) {
                throw new InvalidRequestException(path + ".messageKey", "must be a string");
            }
            checked.put("messageKey", key.asText());
        }
        return checked;
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidRequestException(prefix + name, "is not a field of this request");
            }
        }
    }

    private static String text(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException(path, "is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException(path, "must be a non-empty string");
        }
        return value.asText();
    }

    /** The node's {@code attributes}: name/value pairs of strings, numbers or booleans. Null when absent. */
    private static String attributes(JsonNode node, String path) {
        JsonNode attributes = node.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return null;
        }
        if (!attributes.isObject()) {
            throw new InvalidRequestException(path, "must be an object of name/value pairs");
        }
        for (Iterator<String> names = attributes.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!attributes.get(name).isValueNode() || attributes.get(name).isNull()) {
                throw new InvalidRequestException(path + "." + name, "must be a string, number or boolean");
            }
        }
        return attributes.toString();
    }

    private static String messageKey(String key, String path) {
        if (key == null || key.isBlank()) {
            throw new InvalidRequestException(path, "is required");
        }
        return key(key, path, MAX_MESSAGE_KEY_LENGTH);
    }

    /**
     * A key as the message store takes it: its column's length (in UTF-16 units, which is never fewer than the
     * characters PostgreSQL counts), and no control characters (PostgreSQL refuses NUL in text; keys also travel in
     * log lines and URLs). Refused here, it is a 400 naming the field instead of a failed INSERT.
     */
    private static String key(String value, String path, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidRequestException(path, "is longer than " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(path, "must not contain control characters");
        }
        return value;
    }

    /** 128 random bits, URL-safe: unique without coordination between instances. */
    static String generatedKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Messages with the same business unit, channel, definition and shared attributes can share an MCE batch. */
    static String batchGroup(String businessUnit, Channel channel, String definitionKey, String attributes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {businessUnit, channel.name(), definitionKey, attributes}) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
