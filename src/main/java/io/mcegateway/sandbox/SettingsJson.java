package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/** Settings as the control API shows and patches them. Client secrets are never shown. */
final class SettingsJson {

    private SettingsJson() {
    }

    static ObjectNode toJson(SandboxSettings settings) {
        ObjectNode body = Json.object();
        body.put("port", settings.port());
        settings.clients().keySet().stream().sorted().forEach(body.putArray("clientIds")::add);
        body.put("tokenLifetimeSeconds", settings.tokenLifetime().toSeconds());
        body.put("expiresInMarginSeconds", settings.expiresInMargin().toSeconds());
        body.put("duplicateKeyWindowSeconds", settings.duplicateKeyWindow().toSeconds());
        body.put("statusDelayMillis", settings.statusDelay().toMillis());
        body.put("notSentRatio", settings.notSentRatio());
        body.put("maxRecipients", settings.maxRecipients());
        return body;
    }

    /**
     * Applies a {@code PATCH /sandbox/settings} body. Every field is checked before anything changes.
     *
     * @throws IllegalArgumentException naming the offending field
     */
    static SandboxSettings patch(SandboxSettings settings, ObjectNode patch) {
        SandboxSettings result = settings;
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            result = switch (field.getKey()) {
                case "tokenLifetimeSeconds" -> result.withTokenLifetime(Duration.ofSeconds(integer(field.getKey(), value)));
                case "expiresInMarginSeconds" -> result.withExpiresInMargin(Duration.ofSeconds(integer(field.getKey(), value)));
                case "duplicateKeyWindowSeconds" -> result.withDuplicateKeyWindow(Duration.ofSeconds(integer(field.getKey(), value)));
                case "statusDelayMillis" -> result.withStatusDelay(Duration.ofMillis(integer(field.getKey(), value)));
                case "notSentRatio" -> result.withNotSentRatio(number(field.getKey(), value));
                case "maxRecipients" -> result.withMaxRecipients(Math.toIntExact(integer(field.getKey(), value)));
                default -> throw new IllegalArgumentException("Unknown or read-only setting '" + field.getKey()
                        + "': use tokenLifetimeSeconds, expiresInMarginSeconds, duplicateKeyWindowSeconds,"
                        + " statusDelayMillis, notSentRatio or maxRecipients");
            };
        }
        return result;
    }

    private static long integer(String name, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return value.longValue();
    }

    private static double number(String name, JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return value.doubleValue();
    }
}
