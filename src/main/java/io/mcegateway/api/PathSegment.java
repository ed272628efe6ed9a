package io.mcegateway.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a path parameter from the raw request path, the same way under both runtimes. Their own path parameters
 * differ: Spring Boot's platform-http passes the segment as sent ({@code a%20b}), Camel JBang's Vert.x decodes it
 * ({@code a b}). The raw path ({@code CamelHttpUri}) is the same in both, so the gateway decodes it itself.
 */
public final class PathSegment {

    private PathSegment() {
    }

    /**
     * The decoded segment {@code fromEnd} places before the last one of a raw request URI (a query is ignored).
     *
     * @throws InvalidRequestException naming {@code field} when the segment is not percent-encoded UTF-8
     */
    public static String fromEnd(String rawUri, int fromEnd, String field) {
        String path = rawUri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] segments = path.split("/", -1);
        return decode(segments[segments.length - 1 - fromEnd], field);
    }

    /** RFC 3986 percent-decoding as UTF-8: unlike form decoding, '+' stays '+'. */
    static String decode(String segment, String field) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
            if (low < 0) {
                throw notUtf8(field);
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8(field);
        }
    }

    private static InvalidRequestException notUtf8(String field) {
        return new InvalidRequestException(field, "is not a percent-encoded UTF-8 path segment");
    }
}
