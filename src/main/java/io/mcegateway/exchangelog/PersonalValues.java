package io.mcegateway.exchangelog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mcegateway.exchangelog.MaskingRules.FieldClass;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The personal values one exchange's request carried: recipient addresses and keys, names, anything under a
 * personal field name ({@code to}, {@code contactKey}, attributes such as {@code FirstName}). They are hashed
 * wherever they appear in the rest of that exchange, as known secrets are masked: no pattern can tell that
 * "Invalid attribute value 'Adalinde'" or {@code <td>Jane Doe</td>} names a person, but the request said so.
 * <p>
 * A value is found whole, in any letter case, also JSON-escaped or URL-encoded, and only as whole words (so the
 * name "Ann" leaves "Annual" alone). A value of several words is also found word by word, since MCE and proxies
 * echo parts of names ("subscriber Doe"); digits-only words are not, so a phone number's groups do not hash every
 * "20" in the text. Every occurrence becomes the hash of the value as the request had it, so records correlate.
 * <p>
 * Immutable; one scan over the text with a lookup at each word start, whatever the number of values.
 */
final class PersonalValues {

    private static final int FIRST_CHAR_FILTER = 256;

    static final PersonalValues NONE = new PersonalValues(Map.of(), new boolean[FIRST_CHAR_FILTER]);

    /** Shorter values (initials) would turn single letters into hashes. */
    static final int MIN_LENGTH = 2;
    /** Shorter all-digit values are counts, codes and statuses more often than anyone's data. */
    static final int MIN_DIGITS_ONLY_LENGTH = 5;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** One way a value can appear, and the value it stands for. */
    private record Form(String text, String value) {
    }

    /** Forms by their first two characters, lower case; longest first. */
    private final Map<Integer, List<Form>> byStart;
    /** Whether any form starts with a character of this low byte (lower case): a cheap first test. */
    private final boolean[] firstChars;

    private PersonalValues(Map<Integer, List<Form>> byStart, boolean[] firstChars) {
        this.byStart = byStart;
        this.firstChars = firstChars;
    }

    /** These values, in the forms they take on the wire. */
    static PersonalValues of(Collection<String> values) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String value : values) {
            addWithWords(value == null ? "" : value.trim(), wanted);
        }
        Map<Integer, List<Form>> byStart = new HashMap<>();
        boolean[] firstChars = new boolean[FIRST_CHAR_FILTER];
        for (String value : wanted) {
            for (String form : forms(value)) {
                char first = lower(form.charAt(0));
                firstChars[first % FIRST_CHAR_FILTER] = true;
                byStart.computeIfAbsent(key(first, lower(form.charAt(1))), k -> new ArrayList<>())
                        .add(new Form(form, value));
            }
        }
        if (byStart.isEmpty()) {
            return NONE;
        }
        byStart.values().forEach(forms -> forms.sort(Comparator.comparingInt((Form f) -> f.text().length())
                .reversed()));
        return new PersonalValues(byStart, firstChars);
    }

    /**
     * The personal values in a request: JSON values under personal names (and everything nested under one), form
     * and query parameters with personal names. A body that does not parse gives what was found before it broke.
     */
    static PersonalValues inRequest(MaskingRules rules, String body, String contentType, String url) {
        List<String> found = new ArrayList<>();
        if (url != null && url.indexOf('?') >= 0) {
            fromPairs(rules, url.substring(url.indexOf('?') + 1), found);
        }
        if (body != null && !body.isBlank()) {
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            String trimmed = body.stripLeading();
            if (type.contains("json") || trimmed.startsWith("{") || trimmed.startsWith("[")) {
                fromJson(rules, body, found);
            } else if (type.contains("x-www-form-urlencoded") || PairsMasker.looksLikePairs(body)) {
                fromPairs(rules, body, found);
            }
        }
        return found.isEmpty() ? NONE : of(found);
    }

    boolean isEmpty() {
        return byStart.isEmpty();
    }

    /** The text with every occurrence of a value replaced by the value's hash. */
    String mask(String text, PersonalDataHasher hasher) {
        if (isEmpty() || text == null || text.length() < MIN_LENGTH) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        for (int i = 0; i + 1 < n; i++) {
            char first = lower(text.charAt(i));
            if (!firstChars[first % FIRST_CHAR_FILTER] || insideWord(text, i)) {
                continue;
            }
            List<Form> candidates = byStart.get(key(first, lower(text.charAt(i + 1))));
            if (candidates == null) {
                continue;
            }
            for (Form form : candidates) {
                int end = i + form.text().length();
                if (end <= n && text.regionMatches(true, i, form.text(), 0, form.text().length())
                        && !(end < n && insideWord(text, end))) {
                    if (out == null) {
                        out = new StringBuilder(n + 16);
                    }
                    out.append(text, copied, i).append(hasher.hash(form.value()));
                    copied = end;
                    i = end - 1;
                    break;
                }
            }
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    private static void addWithWords(String value, Set<String> wanted) {
        if (!worthFinding(value)) {
            return;
        }
        wanted.add(value);
        String[] words = value.split("[\\s,;]+");
        if (words.length > 1 && value.indexOf('@') < 0) {
            for (String word : words) {
                if (word.chars().anyMatch(Character::isLetter) && worthFinding(word)) {
                    wanted.add(word);
                }
            }
        }
    }

    private static boolean worthFinding(String value) {
        if (value.length() < MIN_LENGTH || PersonalDataHasher.isHash(value) || value.contains(TextMasker.MASK)) {
            return false;
        }
        boolean digitsOnly = value.chars().allMatch(c -> c >= '0' && c <= '9');
        return !digitsOnly || value.length() >= MIN_DIGITS_ONLY_LENGTH;
    }

    /** As is, JSON-escaped, and URL-encoded (with + and with %20 for a space). */
    private static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(encoded);
        forms.add(encoded.replace("+", "%20"));
        forms.removeIf(form -> form.length() < MIN_LENGTH);
        return forms;
    }

    private static void fromJson(MaskingRules rules, String body, List<String> found) {
        Deque<FieldClass> enclosing = new ArrayDeque<>();
        FieldClass container = FieldClass.PLAIN;
        FieldClass next = FieldClass.PLAIN;
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> next = max(container, rules.classify(parser.currentName()));
                    case START_OBJECT, START_ARRAY -> {
                        enclosing.push(container);
                        container = next;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        container = enclosing.isEmpty() ? FieldClass.PLAIN : enclosing.pop();
                        next = container;
                    }
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        if (next == FieldClass.PERSONAL) {
                            found.add(parser.getText());
                        }
                        next = container;
                    }
                    default -> next = container;
                }
            }
        } catch (Exception | StackOverflowError notJson) {
            // What was found before the body broke off still counts; the rest is free text to the masker.
        }
    }

    private static void fromPairs(MaskingRules rules, String pairs, List<String> found) {
        for (String pair : pairs.split("[&#]")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && rules.classify(decode(pair.substring(0, equals))) == FieldClass.PERSONAL) {
                found.add(decode(pair.substring(equals + 1)));
            }
        }
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    private static FieldClass max(FieldClass a, FieldClass b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Whether a boundary at {@code i} would cut a word (or a number) in two. */
    private static boolean insideWord(String text, int i) {
        return i > 0 && isWordChar(text.charAt(i - 1)) && isWordChar(text.charAt(i));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static char lower(char c) {
        return Character.toLowerCase(c);
    }

    private static int key(char first, char second) {
        return (first << 16) | second;
    }
}
