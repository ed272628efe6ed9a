package io.mcegateway.exchangelog;

import io.mcegateway.exchangelog.MaskingRules.FieldClass;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Masks {@code name=value&name=value} text: URL query strings and form bodies
 * ({@code grant_type=client_credentials&client_secret=...}). Each value is URL-decoded first, so an encoded
 * e-mail ({@code jane%40example.com}) or phone number ({@code %2B4420...}) is seen for what it is. A value that
 * needs no masking keeps its original encoding, so the URL reads exactly as it was sent.
 */
final class PairsMasker {

    private final MaskingRules rules;
    private final PersonalDataHasher hasher;
    private final TextMasker text;

    PairsMasker(MaskingRules rules, PersonalDataHasher hasher, TextMasker text) {
        this.rules = rules;
        this.hasher = hasher;
        this.text = text;
    }

    String mask(String pairs, List<String> knownSecrets, PersonalValues personal) {
        if (pairs == null || pairs.isEmpty()) {
            return pairs;
        }
        StringBuilder out = new StringBuilder(pairs.length() + 16);
        int start = 0;
        while (start <= pairs.length()) {
            int end = pairs.indexOf('&', start);
            if (end < 0) {
                end = pairs.length();
            }
            maskPair(pairs.substring(start, end), knownSecrets, personal, out);
            if (end < pairs.length()) {
                out.append('&');
            }
            start = end + 1;
        }
        return out.toString();
    }

    private void maskPair(String pair, List<String> knownSecrets, PersonalValues personal, StringBuilder out) {
        int equals = pair.indexOf('=');
        String rawName = equals < 0 ? pair : pair.substring(0, equals);
        String name = decode(rawName);
        String maskedName = text.mask(name, knownSecrets, personal, true);
        out.append(maskedName.equals(name) ? rawName : encode(maskedName));
        if (equals < 0) {
            return;
        }
        out.append('=');
        String rawValue = pair.substring(equals + 1);
        String value = decode(rawValue);
        if (value.isEmpty()) {
            out.append(rawValue);
            return;
        }
        String masked = switch (rules.classify(name)) {
            case SECRET -> TextMasker.MASK;
            case PERSONAL -> PersonalDataHasher.isHash(value) ? value : hasher.hash(value);
            case IDENTIFIER -> text.mask(value, knownSecrets, personal, true);
            case PLAIN -> text.mask(value, knownSecrets, personal, false);
        };
        out.append(masked.equals(value) ? rawValue : encode(masked));
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    /** Form encoding, but with ':' and '*' left readable so "hash:..." and "***" read as they do elsewhere. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%3A", ":");
    }

    /** Whether an untyped body reads as a form: one line of name=value pairs, no markup or JSON. */
    static boolean looksLikePairs(String body) {
        if (body.isEmpty() || body.indexOf('=') < 1 || !Character.isLetter(body.charAt(0))) {
            return false;
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c) || c == '<' || c == '{' || c == '"') {
                return false;
            }
        }
        return true;
    }
}
