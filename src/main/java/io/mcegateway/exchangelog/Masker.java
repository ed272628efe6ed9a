package io.mcegateway.exchangelog;

import io.mcegateway.exchangelog.MaskingRules.FieldClass;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Removes secrets and personal data from everything an exchange record holds, before it is written anywhere
 * (guidance Point 3). Secrets become {@code ***} ({@code Bearer ***} for an Authorization header); personal data
 * becomes {@code hash:} plus a keyed hash; everything else is kept as it was, so a support engineer sees the real
 * exchange. See {@link TextMasker} for what is found inside free text, including the phone-number rule.
 * <p>
 * A masker {@link #forRequest for one exchange} also hashes the personal values its request carried wherever they
 * turn up in the rest of it (MCE's error message, a proxy's page, the failure text), as known secrets are masked.
 * <p>
 * Never throws: a body that does not parse as what it claims to be is masked as free text, and if even that
 * fails the value is withheld rather than written unmasked. Immutable and thread-safe.
 */
public final class Masker {

    /** What replaces a value that could not be masked: withholding it is the only safe choice. */
    public static final String WITHHELD = "[withheld: masking failed]";

    private final MaskingRules rules;
    private final PersonalDataHasher hasher;
    private final TextMasker text;
    private final JsonMasker json;
    private final PairsMasker pairs;
    private final SecretForms secretForms;
    /** The request's personal values; read inside {@link #safely}, so that failing to collect them withholds. */
    private final Supplier<PersonalValues> personal;

    public Masker(MaskingRules rules) {
        this(rules, List::of);
    }

    private Masker(MaskingRules rules, Supplier<? extends Collection<String>> knownSecrets) {
        this.rules = rules;
        this.hasher = new PersonalDataHasher(rules.hashKey());
        this.text = new TextMasker(rules, hasher);
        this.json = new JsonMasker(rules, hasher, text);
        this.pairs = new PairsMasker(rules, hasher, text);
        this.secretForms = new SecretForms(knownSecrets);
        this.personal = () -> PersonalValues.NONE;
    }

    /** The same masker with the personal values of one request on top. */
    private Masker(Masker base, Supplier<PersonalValues> personal) {
        this.rules = base.rules;
        this.hasher = base.hasher;
        this.text = base.text;
        this.json = base.json;
        this.pairs = base.pairs;
        this.secretForms = base.secretForms;
        this.personal = personal;
    }

    /**
     * A masker that also replaces these literal values wherever they appear: the client secrets and the tokens
     * currently in use. The supplier is read on every call, so a fresh token is covered from its first use; keep
     * it cheap.
     */
    public Masker withKnownSecrets(Supplier<? extends Collection<String>> knownSecrets) {
        return new Masker(rules, knownSecrets);
    }

    /**
     * A masker for one exchange: this one, plus the personal values its request carries (values under personal
     * field names in a JSON or form body, personal query parameters), hashed wherever they appear in what is
     * masked with it. They are collected on first use, so a masker made for an exchange that is never masked
     * costs nothing.
     */
    public Masker forRequest(String requestBody, String contentType, String url) {
        if ((requestBody == null || requestBody.isBlank()) && (url == null || url.indexOf('?') < 0)) {
            return this;
        }
        return new Masker(this, new Once<>(() -> PersonalValues.inRequest(rules, requestBody, contentType, url)));
    }

    /** For tests: a masker that hashes these literal values wherever they appear, as if a request carried them. */
    Masker withPersonalValues(Collection<String> values) {
        PersonalValues given = PersonalValues.of(values);
        return new Masker(this, () -> given);
    }

    public MaskingRules rules() {
        return rules;
    }

    /**
     * Headers as name to values. Secret headers become {@code ***}, authorisation headers keep their scheme
     * ({@code Bearer ***}); personal ones are hashed; URL-valued ones ({@code Location}) are masked as URLs; the
     * rest as free text. Values may be strings, collections or arrays (as Camel and HTTP clients hold them).
     */
    public Map<String, List<String>> maskHeaders(Map<String, ?> headers) {
        Map<String, List<String>> masked = new LinkedHashMap<>();
        if (headers == null) {
            return masked;
        }
        List<String> secrets = secrets();
        headers.forEach((name, value) -> {
            List<String> values = new ArrayList<>();
            for (String one : values(value)) {
                values.add(safely(() -> maskHeader(name, one, secrets, personal.get())));
            }
            masked.put(name, values);
        });
        return masked;
    }

    /**
     * A request or response body. JSON (by content type, or by its first character when the type is missing or
     * vague) is masked field by field; forms and bodies that read as {@code a=b&c=d} pair by pair; anything else,
     * HTML included, as free text.
     */
    public String maskBody(String body, String contentType) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        List<String> secrets = secrets();
        return safely(() -> {
            PersonalValues values = personal.get();
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            if (type.contains("json") || startsLikeJson(body)) {
                try {
                    return json.mask(body, secrets, values);
                } catch (Exception | StackOverflowError notJson) {
                    return text.mask(body, secrets, values, false);
                }
            }
            if (type.contains("x-www-form-urlencoded") || PairsMasker.looksLikePairs(body)) {
                return pairs.mask(body, secrets, values);
            }
            return text.mask(body, secrets, values, false);
        });
    }

    /**
     * A URL: credentials in the authority become {@code ***}, the path stays readable (a messageKey in a path is
     * not personal data) while e-mails and tokens in it are still masked, and the query and fragment are masked
     * parameter by parameter.
     */
    public String maskUrl(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        List<String> secrets = secrets();
        return safely(() -> {
            PersonalValues values = personal.get();
            int fragmentAt = url.indexOf('#');
            String beforeFragment = fragmentAt < 0 ? url : url.substring(0, fragmentAt);
            int queryAt = beforeFragment.indexOf('?');
            String base = queryAt < 0 ? beforeFragment : beforeFragment.substring(0, queryAt);
            StringBuilder out = new StringBuilder(url.length() + 16);
            out.append(text.mask(withoutUserInfo(base), secrets, values, true));
            if (queryAt >= 0) {
                out.append('?').append(pairs.mask(beforeFragment.substring(queryAt + 1), secrets, values));
            }
            if (fragmentAt >= 0) {
                out.append('#').append(pairs.mask(url.substring(fragmentAt + 1), secrets, values));
            }
            return out.toString();
        });
    }

    /** Free text: an error message, a log line, an HTML page. */
    public String maskText(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        List<String> secrets = secrets();
        return safely(() -> text.mask(value, secrets, personal.get(), false));
    }

    /** An id such as a messageKey: kept even when all digits, but an e-mail or token used as an id is masked. */
    public String maskIdentifier(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        List<String> secrets = secrets();
        return safely(() -> text.mask(value, secrets, PersonalValues.NONE, true));
    }

    private String maskHeader(String name, String value, List<String> secrets, PersonalValues values) {
        FieldClass fieldClass = rules.classify(name);
        if (fieldClass == FieldClass.SECRET) {
            return MaskingRules.normalise(name).contains("authorization") ? keepScheme(value) : TextMasker.MASK;
        }
        if (fieldClass == FieldClass.PERSONAL) {
            return value.isBlank() ? value : hasher.hash(value);
        }
        String trimmed = value.trim();
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://") || trimmed.startsWith("/")) {
            return maskUrl(value);
        }
        return text.mask(value, secrets, values, fieldClass == FieldClass.IDENTIFIER);
    }

    /** "Bearer abc" becomes "Bearer ***": the scheme helps a support case, the credentials must not. */
    private static String keepScheme(String value) {
        String trimmed = value.trim();
        int space = trimmed.indexOf(' ');
        if (space > 0 && trimmed.substring(0, space).chars().allMatch(Character::isLetter)) {
            return trimmed.substring(0, space) + " " + TextMasker.MASK;
        }
        return TextMasker.MASK;
    }

    private static String withoutUserInfo(String base) {
        int scheme = base.indexOf("://");
        if (scheme < 0) {
            return base;
        }
        int authorityStart = scheme + 3;
        int authorityEnd = base.indexOf('/', authorityStart);
        String authority = authorityEnd < 0 ? base.substring(authorityStart) : base.substring(authorityStart,
                authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return base;
        }
        return base.substring(0, authorityStart) + TextMasker.MASK + authority.substring(at)
                + (authorityEnd < 0 ? "" : base.substring(authorityEnd));
    }

    private static boolean startsLikeJson(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    private static List<String> values(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Iterable<?> iterable) {
            List<String> list = new ArrayList<>();
            iterable.forEach(item -> list.add(String.valueOf(item)));
            return list;
        }
        if (value.getClass().isArray()) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(String.valueOf(Array.get(value, i)));
            }
            return list;
        }
        return List.of(String.valueOf(value));
    }

    private List<String> secrets() {
        return secretForms.current();
    }

    /**
     * The known secrets in their wire forms, shared by a masker and the maskers made from it for each exchange.
     * The supplier usually returns the same values call after call, so the prepared forms are reused until it
     * returns something else. A supplier that fails must not stop masking: the other detectors still apply.
     */
    private static final class SecretForms {
        private final Supplier<? extends Collection<String>> knownSecrets;
        private volatile Prepared prepared;

        SecretForms(Supplier<? extends Collection<String>> knownSecrets) {
            this.knownSecrets = knownSecrets;
        }

        List<String> current() {
            try {
                Collection<String> current = knownSecrets.get();
                Prepared last = prepared;
                if (last != null && sameValues(last.source(), current)) {
                    return last.forms();
                }
                List<String> source = current == null ? List.of() : List.copyOf(current);
                List<String> forms = KnownSecrets.prepare(source);
                prepared = new Prepared(source, forms);
                return forms;
            } catch (RuntimeException e) {
                return List.of();
            }
        }

        private static boolean sameValues(List<String> prepared, Collection<String> current) {
            return current == null ? prepared.isEmpty()
                    : prepared.size() == current.size() && prepared.containsAll(current);
        }
    }

    private record Prepared(List<String> source, List<String> forms) {
    }

    /** Computes a value on first use and keeps it; a race computes it twice, harmlessly. */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> compute;
        private volatile T value;

        Once(Supplier<T> compute) {
            this.compute = compute;
        }

        @Override
        public T get() {
            T known = value;
            if (known == null) {
                known = compute.get();
                value = known;
            }
            return known;
        }
    }

    private interface Masking {
        String apply();
    }

    private static String safely(Masking masking) {
        try {
            return masking.apply();
        } catch (RuntimeException | StackOverflowError e) {
            return WITHHELD;
        }
    }
}
