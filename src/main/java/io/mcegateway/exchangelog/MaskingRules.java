package io.mcegateway.exchangelog;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which field and header names mark a value as a secret, as personal data or as an identifier, and the key personal
 * data is hashed with (guidance Point 3: credentials and personal information are never logged in clear).
 * <p>
 * Names are compared after normalisation: lower case, with everything but letters and digits dropped, so
 * {@code client_secret}, {@code Client-Secret} and {@code clientSecret} are one name. Besides exact names, a few
 * stems match any name containing them ({@code secret}, {@code password}, {@code token}, ... for secrets;
 * {@code email}, {@code phone}, {@code mobile} for personal data), because MCE attributes are named freely
 * ({@code Billing_Email__c}) and a missed credential costs more than an over-masked value.
 * <p>
 * Names can be added, never removed: there is no way to turn the defaults, and with them secret masking, off.
 */
public final class MaskingRules {

    /** How a named value is treated. Ordered: a value nested under a stronger class inherits it. */
    public enum FieldClass {
        /** Kept, after free-text masking (emails, phone numbers, tokens inside the text). */
        PLAIN,
        /** An id such as a messageKey: kept, and not mistaken for a phone number when it is all digits. */
        IDENTIFIER,
        /** Replaced with {@code hash:} and a keyed HMAC prefix, the same for the same value. */
        PERSONAL,
        /** Replaced with {@code ***}. */
        SECRET
    }

    static final List<String> DEFAULT_SECRET_NAMES = List.of("authorization", "proxy-authorization", "access_token",
            "refresh_token", "client_secret", "clientSecret", "password", "token", "id_token", "api_key",
            "x-api-key", "cookie", "set-cookie");
    static final List<String> DEFAULT_PERSONAL_NAMES = List.of("to", "email", "emailAddress", "phone", "mobile",
            "mobileNumber", "contactKey", "subscriberKey", "firstName", "lastName", "name", "fullName", "address");
    static final List<String> DEFAULT_IDENTIFIER_NAMES = List.of("messageKey", "definitionKey", "requestId",
            "compositeId", "customerKey", "eventId", "lastEventId", "errorcode", "statusCode", "status",
            "recipientSendId", "id");
    private static final List<String> SECRET_STEMS = List.of("secret", "password", "passwd", "token", "apikey",
            "authorization", "cookie", "credential");
    private static final List<String> PERSONAL_STEMS = List.of("email", "phone", "mobile");
    /** Names a stem would catch that hold nothing secret: {@code token_type} is always "Bearer". */
    private static final Set<String> STEM_EXCEPTIONS = Set.of("tokentype");

    /** Shorter keys would let anyone holding a log brute-force the hashes back to e-mail addresses. */
    static final int MIN_HASH_KEY_BYTES = 16;
    private static final int CLASS_CACHE_LIMIT = 10_000;

    private final Set<String> secretNames;
    private final Set<String> personalNames;
    private final Set<String> identifierNames;
    private final byte[] hashKey;
    private final Map<String, FieldClass> classCache = new ConcurrentHashMap<>();

    private MaskingRules(Set<String> secretNames, Set<String> personalNames, Set<String> identifierNames,
            byte[] hashKey) {
        this.secretNames = Collections.unmodifiableSet(secretNames);
        this.personalNames = Collections.unmodifiableSet(personalNames);
        this.identifierNames = Collections.unmodifiableSet(identifierNames);
        this.hashKey = hashKey;
    }

    /** The default rules, hashing personal data under {@code hashKey} (at least 16 bytes). */
    public static MaskingRules defaults(byte[] hashKey) {
        if (hashKey == null || hashKey.length < MIN_HASH_KEY_BYTES) {
            throw new IllegalArgumentException("The masking hash key must be at least " + MIN_HASH_KEY_BYTES
                    + " bytes long");
        }
        return new MaskingRules(normalised(DEFAULT_SECRET_NAMES), normalised(DEFAULT_PERSONAL_NAMES),
                normalised(DEFAULT_IDENTIFIER_NAMES), hashKey.clone());
    }

    /** The default rules, hashing under the UTF-8 bytes of {@code hashKey} as read from configuration. */
    public static MaskingRules defaults(String hashKey) {
        if (hashKey == null || hashKey.isBlank()) {
            throw new IllegalArgumentException("A masking hash key is required");
        }
        return defaults(hashKey.getBytes(StandardCharsets.UTF_8));
    }

    /** These rules plus further secret names; the existing ones stay. */
    public MaskingRules withSecretNames(Collection<String> names) {
        return new MaskingRules(plus(secretNames, names), personalNames, identifierNames, hashKey);
    }

    /** These rules plus further personal-data names, e.g. attributes such as {@code FirstName}. */
    public MaskingRules withPersonalNames(Collection<String> names) {
        return new MaskingRules(secretNames, plus(personalNames, names), identifierNames, hashKey);
    }

    /** These rules plus further identifier names, whose all-digit values are not taken for phone numbers. */
    public MaskingRules withIdentifierNames(Collection<String> names) {
        return new MaskingRules(secretNames, personalNames, plus(identifierNames, names), hashKey);
    }

    /** The class of a field, header, query or form parameter name. Secret wins over personal over identifier. */
    public FieldClass classify(String name) {
        if (name == null || name.isEmpty()) {
            return FieldClass.PLAIN;
        }
        FieldClass cached = classCache.get(name);
        if (cached != null) {
            return cached;
        }
        FieldClass computed = compute(normalise(name));
        // Names come from traffic; a bounded cache keeps a stream of unique attribute names from growing memory.
        if (classCache.size() < CLASS_CACHE_LIMIT) {
            classCache.put(name, computed);
        }
        return computed;
    }

    /** Normalised secret names (exact matches; stems come on top). */
    public Set<String> secretNames() {
        return secretNames;
    }

    /** Normalised personal-data names (exact matches; stems come on top). */
    public Set<String> personalNames() {
        return personalNames;
    }

    /** Normalised identifier names. */
    public Set<String> identifierNames() {
        return identifierNames;
    }

    byte[] hashKey() {
        return hashKey.clone();
    }

    static String normalise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private FieldClass compute(String normalised) {
        boolean stems = !STEM_EXCEPTIONS.contains(normalised);
        if (secretNames.contains(normalised) || stems && containsStem(normalised, SECRET_STEMS)) {
            return FieldClass.SECRET;
        }
        if (personalNames.contains(normalised) || stems && containsStem(normalised, PERSONAL_STEMS)) {
            return FieldClass.PERSONAL;
        }
        return identifierNames.contains(normalised) ? FieldClass.IDENTIFIER : FieldClass.PLAIN;
    }

    private static boolean containsStem(String normalised, List<String> stems) {
        for (String stem : stems) {
            if (normalised.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> normalised(Collection<String> names) {
        Set<String> result = new HashSet<>();
        for (String name : names) {
            if (name != null) {
                String n = normalise(name);
                if (!n.isEmpty()) {
                    result.add(n);
                }
            }
        }
        return result;
    }

    private static Set<String> plus(Set<String> existing, Collection<String> added) {
        Set<String> result = new HashSet<>(existing);
        result.addAll(normalised(added == null ? List.of() : added));
        return result;
    }

    @Override
    public String toString() {
        return "MaskingRules[secret=" + secretNames.size() + " names, personal=" + personalNames.size()
                + " names, identifier=" + identifierNames.size() + " names, hashKey=***]";
    }
}
