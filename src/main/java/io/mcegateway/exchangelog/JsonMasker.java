package io.mcegateway.exchangelog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mcegateway.exchangelog.MaskingRules.FieldClass;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Masks a JSON document token by token, without building a tree, so a 2,000-recipient batch costs one pass.
 * A value takes the class of its field name, and everything nested under a secret or personal field inherits it
 * ({@code "address": {"street": ...}} is hashed leaf by leaf). The output has the same shape: every object, array,
 * field name and non-sensitive value is where it was; numbers keep their exact text. Secret leaves become
 * {@code "***"}, personal leaves {@code "hash:..."}; plain strings go through {@link TextMasker}.
 */
final class JsonMasker {

    private final MaskingRules rules;
    private final PersonalDataHasher hasher;
    private final TextMasker text;
    private final JsonFactory factory = JsonFactory.builder().build();

    JsonMasker(MaskingRules rules, PersonalDataHasher hasher, TextMasker text) {
        this.rules = rules;
        this.hasher = hasher;
        this.text = text;
    }

    /** The masked document, compact. Throws on anything that is not well-formed JSON; the caller falls back. */
    String mask(String json, List<String> knownSecrets, PersonalValues personal) throws IOException {
        StringWriter out = new StringWriter(json.length() + 16);
        Deque<FieldClass> enclosing = new ArrayDeque<>();
        FieldClass container = FieldClass.PLAIN;
        FieldClass next = FieldClass.PLAIN;
        try (JsonParser parser = factory.createParser(json); JsonGenerator generator = factory.createGenerator(out)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        String name = parser.currentName();
                        generator.writeFieldName(text.mask(name, knownSecrets, personal, true));
                        next = max(container, rules.classify(name));
                    }
                    case START_OBJECT, START_ARRAY -> {
                        enclosing.push(container);
                        container = next;
                        if (token == JsonToken.START_OBJECT) {
                            generator.writeStartObject();
                        } else {
                            generator.writeStartArray();
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        container = enclosing.isEmpty() ? FieldClass.PLAIN : enclosing.pop();
                        next = container;
                        if (token == JsonToken.END_OBJECT) {
                            generator.writeEndObject();
                        } else {
                            generator.writeEndArray();
                        }
                    }
                    case VALUE_STRING -> {
                        generator.writeString(maskString(parser.getText(), next, knownSecrets, personal));
                        next = container;
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        writeNumber(generator, parser.getText(), next);
                        next = container;
                    }
                    default -> {
                        generator.copyCurrentEvent(parser);
                        next = container;
                    }
                }
            }
        }
        return out.toString();
    }

    private String maskString(String value, FieldClass fieldClass, List<String> knownSecrets,
            PersonalValues personal) {
        return switch (fieldClass) {
            case SECRET -> value.isEmpty() ? value : TextMasker.MASK;
            case PERSONAL -> value.isBlank() || PersonalDataHasher.isHash(value) ? value : hasher.hash(value);
            case IDENTIFIER -> text.mask(value, knownSecrets, personal, true);
            case PLAIN -> text.mask(value, knownSecrets, personal, false);
        };
    }

    /** A number under a sensitive name becomes a string: a phone number stored as a JSON number is still one. */
    private void writeNumber(JsonGenerator generator, String number, FieldClass fieldClass) throws IOException {
        switch (fieldClass) {
            case SECRET -> generator.writeString(TextMasker.MASK);
            case PERSONAL -> generator.writeString(hasher.hash(number));
            default -> generator.writeNumber(number);
        }
    }

    private static FieldClass max(FieldClass a, FieldClass b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
