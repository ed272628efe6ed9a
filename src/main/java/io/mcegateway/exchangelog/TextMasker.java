package io.mcegateway.exchangelog;

import io.mcegateway.exchangelog.MaskingRules.FieldClass;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets and personal data inside free text: error messages, HTML pages, header values, and the string
 * values of JSON fields whose names say nothing. Passes, in this order (what one pass puts in, {@code ***} or
 * {@code hash:...}, is left alone by the next):
 * <ol>
 *   <li>known secrets (the current client secrets and tokens), wherever they appear, also URL-encoded or
 *       JSON-escaped;</li>
 *   <li>the personal values of the exchange's request ({@link PersonalValues}), wherever they appear as whole
 *       words, in any letter case: the only way to find a bare name in prose;</li>
 *   <li>{@code Bearer <token>} and {@code Basic <credentials>}: the scheme is kept, the credentials become ***;</li>
 *   <li>JWT-like tokens: {@code eyJ...} with up to four dot-separated segments;</li>
 *   <li>{@code name=value}, {@code name: value} and {@code "name":"value"} where the name is a secret or personal
 *       one under {@link MaskingRules} (so JSON quoted inside a message, or truncated JSON, is still masked);</li>
 *   <li>e-mail addresses, also with {@code %40} for {@code @};</li>
 *   <li>phone numbers (see below).</li>
 * </ol>
 * <b>Phone rule.</b> A digit run is a phone number when it
 * <ul>
 *   <li>starts with {@code +} (or {@code %2B}) and has 8 to 15 digits, single spaces, dots, hyphens or
 *       parentheses allowed between them ({@code +44 20 7946 0958}); or</li>
 *   <li>has the North American shape {@code (415) 555-0100}, {@code 415-555-0100}, {@code 415.555.0100},
 *       optionally after {@code 1-}; or</li>
 *   <li>has a national shape: a trunk {@code 0} (or {@code 00}) starting the first group, optionally in
 *       parentheses, then one to four more groups after single spaces or hyphens, 9 to 15 digits in all
 *       ({@code 020 7946 0958}, {@code (020) 7946-0958}, {@code 030 12345678}, {@code 06 12 34 56 78},
 *       {@code 0044 20 7946 0958}); or</li>
 *   <li>is a bare run of 10 to 15 digits that is not part of a longer token.</li>
 * </ul>
 * Not part of a longer token means: not touching a letter, digit or underscore, not preceded by {@code . - / +}
 * (nor by {@code hash:}, so a hash is never hashed again), and not followed by {@code . - / :} and an alphanumeric.
 * So errorcodes (109001), ports, HTTP statuses, MIDs (9 digits), ISO timestamps, times, dates, UUIDs, decimals and
 * IP addresses are kept. The price: a bare 10-15 digit number in prose (an epoch-seconds timestamp, say), or a run
 * of digit groups that starts with 0 and has 9 or more digits, is hashed, because it cannot be told apart from a
 * phone number and privacy wins.
 * In identifier mode (messageKeys, URL paths, fields such as {@code messageKey}) the bare and North American rules
 * are off, so an all-digit messageKey survives, but a {@code +} number, an e-mail or a token is still masked.
 * <p>
 * Every detector scans linearly or with bounded patterns, so a megabyte of HTML cannot make it backtrack for ever.
 */
final class TextMasker {

    static final String MASK = "***";

    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)([ \\t]+)([A-Za-z0-9._~+/=\\-]+)");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_=\\-]{8,}(?:\\.[A-Za-z0-9_=\\-]+){0,4}");
    private static final Pattern PLUS_PHONE = Pattern.compile(
            "(?<![A-Za-z0-9_+])(?:\\+|%2[Bb])\\d(?:[ .\\-()]{0,2}\\d){7,14}(?![0-9])");
    private static final Pattern NANP_PHONE = Pattern.compile(
            "(?<![A-Za-z0-9_.\\-/+])(?<!hash:)(?:1[ .\\-])?(?:\\(\\d{3}\\) ?|\\d{3}[ .\\-])\\d{3}[ .\\-]\\d{4}"
                    + "(?![A-Za-z0-9_]|[.\\-/:][A-Za-z0-9])");
    private static final Pattern NATIONAL_PHONE = Pattern.compile(
            "(?<![A-Za-z0-9_.\\-/+])(?<!hash:)(?:\\(0\\d{1,4}\\) ?|0\\d{1,4}[ \\-])\\d{2,8}(?:[ \\-]\\d{2,8}){0,3}"
                    + "(?![A-Za-z0-9_]|[.\\-/:][A-Za-z0-9])");
    private static final int NATIONAL_MIN_DIGITS = 9;
    private static final int NATIONAL_MAX_DIGITS = 15;
    private static final Pattern BARE_PHONE = Pattern.compile(
            "(?<![A-Za-z0-9_.\\-/+])(?<!hash:)\\d{10,15}(?![A-Za-z0-9_]|[.\\-/:][A-Za-z0-9])");
    private static final Pattern MASKED_SCHEME = Pattern.compile("[A-Za-z]+ \\*\\*\\*");
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_KEY = 64;
    private static final int MAX_PADDING = 8;
    private static final int MAX_DOMAIN = 255;

    private final MaskingRules rules;
    private final PersonalDataHasher hasher;

    TextMasker(MaskingRules rules, PersonalDataHasher hasher) {
        this.rules = rules;
        this.hasher = hasher;
    }

    /**
     * The text with every secret and personal value found replaced.
     *
     * @param knownSecrets prepared by {@link KnownSecrets}: literal values to replace wherever they appear
     * @param personal     the request's personal values, hashed wherever they appear (not in identifier mode)
     * @param identifier   true for ids and URL paths: all-digit runs and the request's values are kept (see the
     *                     class comment)
     */
    String mask(String text, List<String> knownSecrets, PersonalValues personal, boolean identifier) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Signals signals = Signals.of(text);
        String out = text;
        for (String secret : knownSecrets) {
            if (out.length() >= secret.length() && out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        if (!identifier) {
            out = personal.mask(out, hasher);
        }
        if (signals.scheme) {
            out = maskSchemes(out);
        }
        if (signals.eyJ) {
            out = JWT.matcher(out).replaceAll(MASK);
        }
        if (signals.separator) {
            out = maskKeyValues(out);
        }
        if (signals.at) {
            out = maskEmails(out);
        }
        if (signals.plus && signals.digits >= 8) {
            out = hashMatches(out, PLUS_PHONE);
        }
        if (!identifier && signals.digits >= NATIONAL_MIN_DIGITS) {
            out = hashNationalPhones(out);
        }
        if (!identifier && signals.digits >= 10) {
            out = hashMatches(out, NANP_PHONE);
            if (signals.longestRun >= 10) {
                out = hashMatches(out, BARE_PHONE);
            }
        }
        return out;
    }

    /** What a single cheap scan says about which passes could find anything. */
    private static final class Signals {
        boolean at;
        boolean separator;
        boolean eyJ;
        boolean plus;
        boolean scheme;
        int digits;
        int longestRun;

        static Signals of(String text) {
            Signals s = new Signals();
            int n = text.length();
            int run = 0;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    s.digits++;
                    s.longestRun = Math.max(s.longestRun, ++run);
                    continue;
                }
                run = 0;
                if (c == '@') {
                    s.at = true;
                } else if (c == ':' || c == '=') {
                    s.separator = true;
                } else if (c == '+') {
                    s.plus = true;
                } else if (c == '%' && i + 2 < n) {
                    char a = text.charAt(i + 1);
                    char b = text.charAt(i + 2);
                    s.at |= a == '4' && b == '0';
                    s.plus |= a == '2' && (b == 'B' || b == 'b');
                } else if (c == 'e' && i + 2 < n && text.charAt(i + 1) == 'y' && text.charAt(i + 2) == 'J') {
                    s.eyJ = true;
                } else if ((c == 'b' || c == 'B') && !s.scheme) {
                    s.scheme = text.regionMatches(true, i + 1, "earer", 0, 5)
                            || text.regionMatches(true, i + 1, "asic", 0, 4);
                }
            }
            return s;
        }
    }

    private static String maskSchemes(String text) {
        Matcher m = SCHEME.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            String scheme = m.group(1);
            String credentials = m.group(3);
            if (scheme.equalsIgnoreCase("basic") && !looksLikeCredentials(credentials)) {
                continue; // "basic information" is prose, not a header value
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start(3)).append(MASK);
            copied = m.end(3);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean looksLikeCredentials(String value) {
        if (value.length() < 8) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c) || Character.isUpperCase(c) || c == '=' || c == '+' || c == '/') {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds {@code name:} and {@code name=} by their separator and reads the name backwards from it, so the cost is
     * one pass over the text plus a cached lookup per separator, however long the text.
     */
    private String maskKeyValues(String text) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char separator = text.charAt(i);
            if (separator != ':' && separator != '=') {
                continue;
            }
            FieldClass fieldClass = rules.classify(keyBefore(text, i, copied));
            if (fieldClass != FieldClass.SECRET && fieldClass != FieldClass.PERSONAL) {
                continue;
            }
            int valueStart = i + 1;
            while (valueStart < n && valueStart - i <= MAX_PADDING && isBlank(text.charAt(valueStart))) {
                valueStart++;
            }
            int[] span = valueSpan(text, valueStart, separator, fieldClass);
            if (span == null) {
                continue;
            }
            String value = text.substring(span[0], span[1]);
            if (!value.isBlank() && !isAlreadyMasked(value)) {
                if (out == null) {
                    out = new StringBuilder(n + 16);
                }
                out.append(text, copied, span[0]).append(fieldClass == FieldClass.SECRET ? MASK : hasher.hash(value));
                copied = span[1];
            }
            i = Math.max(i, span[1] - 1);
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    /**
     * The name just before a separator, past blanks and a closing quote ({@code "name" :}, {@code \"name\":});
     * empty when there is none, it is longer than a name gets, or it starts in text already replaced.
     */
    private static String keyBefore(String text, int separator, int floor) {
        int end = separator;
        while (end > floor && separator - end < MAX_PADDING && isBlank(text.charAt(end - 1))) {
            end--;
        }
        if (end > floor && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
            end--;
            if (end > floor && text.charAt(end - 1) == '\\') {
                end--;
            }
        }
        int start = end;
        while (start > floor && end - start < MAX_KEY && isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        if (start == end || (start > floor && isKeyChar(text.charAt(start - 1)))) {
            return "";
        }
        while (start < end && !Character.isLetter(text.charAt(start))) {
            start++;
        }
        return text.substring(start, end);
    }

    private static boolean isKeyChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Masked by an earlier pass: "***", "Bearer ***" (and what follows it on the line), or a hash. */
    static boolean isAlreadyMasked(String value) {
        return value.startsWith(MASK) || value.endsWith(MASK) || MASKED_SCHEME.matcher(value).lookingAt()
                || PersonalDataHasher.isHash(value);
    }

    /** Where the value after {@code name:} or {@code name=} starts and ends; null for an object or array. */
    private static int[] valueSpan(String text, int from, char separator, FieldClass fieldClass) {
        int n = text.length();
        if (from >= n) {
            return null;
        }
        char c = text.charAt(from);
        if (c == '\\' && from + 1 < n && (text.charAt(from + 1) == '"' || text.charAt(from + 1) == '\'')) {
            int end = text.indexOf(text.substring(from, from + 2), from + 2);
            return new int[] {from + 2, end < 0 ? n : end};
        }
        if (c == '"' || c == '\'') {
            int i = from + 1;
            while (i < n && text.charAt(i) != c) {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return new int[] {from + 1, Math.min(i, n)};
        }
        if (c == '{' || c == '[') {
            return null;
        }
        // A hash put there by an earlier pass is one word: masking twice must change nothing.
        boolean wordOnly = fieldClass == FieldClass.SECRET ? separator == '='
                : firstWordIsContact(text, from) || text.startsWith(PersonalDataHasher.PREFIX, from);
        int i = from;
        while (i < n && !endsUnquoted(text, i, wordOnly, fieldClass)) {
            i++;
        }
        int end = i;
        while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new int[] {from, end};
    }

    /**
     * A secret after {@code name=} ends at white space (query strings, forms); after {@code name:} it runs to the
     * end of the line ("Cookie: a=1; b=2"). A personal value after either runs on ("name: Jane Doe",
     * "name=Jane Doe") up to a delimiter or the next {@code label:} or {@code label=}, but an e-mail or number ends
     * at white space ("to: a@b.example was rejected").
     */
    private static boolean endsUnquoted(String text, int i, boolean wordOnly, FieldClass fieldClass) {
        char c = text.charAt(i);
        if (c == '\r' || c == '\n' || c == '"' || c == '<' || c == '>' || c == '}' || c == ']' || c == '&') {
            return true;
        }
        if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            return true;
        }
        if (wordOnly) {
            return Character.isWhitespace(c) || c == ',' || c == ';' || c == ')' || c == '\'';
        }
        if (fieldClass == FieldClass.SECRET) {
            return false;
        }
        if (isBlank(c) && labelFollows(text, i + 1)) {
            return true;
        }
        if (c == '\'') {
            // O'Brien: an apostrophe between letters belongs to the name
            return !(i > 0 && i + 1 < text.length() && Character.isLetter(text.charAt(i - 1))
                    && Character.isLetter(text.charAt(i + 1)));
        }
        return c == ',' || c == ';' || c == ')' || c == '(';
    }

    /** Whether {@code label:} or {@code label=} starts at {@code from}: the next pair in "a=1 b=2". */
    private static boolean labelFollows(String text, int from) {
        int n = text.length();
        if (from >= n || !Character.isLetter(text.charAt(from))) {
            return false;
        }
        int i = from;
        while (i < n && i - from < MAX_KEY && isKeyChar(text.charAt(i))) {
            i++;
        }
        return i < n && (text.charAt(i) == ':' || text.charAt(i) == '=');
    }

    /** Whether the first word of a value is an e-mail address or holds digits (a number, a key), not a name. */
    private static boolean firstWordIsContact(String text, int from) {
        int n = Math.min(text.length(), from + 320);
        boolean digit = false;
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || "&,;\"<>)}]".indexOf(c) >= 0) {
                break;
            }
            if (c == '@' || c == '%' && text.startsWith("%40", i)) {
                return true;
            }
            digit |= Character.isDigit(c);
        }
        return digit;
    }

    private String maskEmails(String text) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int at = text.indexOf('@', i);
            int encoded = text.indexOf("%40", i);
            if (at < 0 && encoded < 0) {
                break;
            }
            int atLength = 1;
            if (at < 0 || (encoded >= 0 && encoded < at)) {
                at = encoded;
                atLength = 3;
            }
            int start = at;
            while (start > copied && at - start < MAX_LOCAL_PART && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            while (start < at && ".'+-".indexOf(text.charAt(start)) >= 0) {
                start++;
            }
            int end = at + atLength;
            while (end < n && end - at < MAX_DOMAIN && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > at + atLength && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (start == at || !isDomain(text, at + atLength, end)) {
                i = at + atLength;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, start).append(hasher.hash(text.substring(start, end)));
            copied = end;
            i = end;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    private static boolean isLocalChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
    }

    private static boolean isDomainChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-';
    }

    /** At least one dot, and a last label of two or more letters (a top-level domain). */
    private static boolean isDomain(String text, int start, int end) {
        int lastDot = text.lastIndexOf('.', end - 1);
        if (lastDot <= start || end - lastDot - 1 < 2) {
            return false;
        }
        for (int i = lastDot + 1; i < end; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** National numbers: the pattern finds the shape, the digit count decides. */
    private String hashNationalPhones(String text) {
        Matcher m = NATIONAL_PHONE.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            int digits = 0;
            for (int i = m.start(); i < m.end(); i++) {
                digits += Character.isDigit(text.charAt(i)) ? 1 : 0;
            }
            if (digits < NATIONAL_MIN_DIGITS || digits > NATIONAL_MAX_DIGITS) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start()).append(hasher.hash(m.group()));
            copied = m.end();
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private String hashMatches(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start()).append(hasher.hash(m.group()));
            copied = m.end();
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
