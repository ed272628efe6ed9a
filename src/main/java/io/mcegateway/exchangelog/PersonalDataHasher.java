package io.mcegateway.exchangelog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a personal value into {@code hash:} plus the first 12 hex digits of HMAC-SHA256 under the configured key.
 * The same person gives the same hash in every record, so exchanges can be correlated without saying who it is;
 * without the key, nobody can test guesses against the hash.
 * <p>
 * Values are normalised first so that one person hashes alike wherever they appear: trimmed and lower-cased,
 * {@code %40} read as {@code @}, and phone-shaped values reduced to their digits ({@code +1 415-555-0100} and
 * {@code +14155550100} agree).
 */
final class PersonalDataHasher {

    static final String PREFIX = "hash:";
    private static final int HEX_DIGITS = 12;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec key;
    // Mac instances are not thread-safe and costly to create; one per thread keeps hashing allocation-light.
    private final ThreadLocal<Mac> macs;

    PersonalDataHasher(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    String hash(String value) {
        byte[] digest = macs.get().doFinal(normalise(value).getBytes(StandardCharsets.UTF_8));
        char[] out = new char[PREFIX.length() + HEX_DIGITS];
        PREFIX.getChars(0, PREFIX.length(), out, 0);
        for (int i = 0; i < HEX_DIGITS / 2; i++) {
            out[PREFIX.length() + 2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[PREFIX.length() + 2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    static boolean isHash(String value) {
        return value.startsWith(PREFIX) && value.length() == PREFIX.length() + HEX_DIGITS;
    }

    static String normalise(String value) {
        String trimmed = value.trim();
        int phoneStart = trimmed.regionMatches(true, 0, "%2b", 0, 3) ? 3 : 0;
        if (isPhoneShaped(trimmed, phoneStart)) {
            StringBuilder digits = new StringBuilder(trimmed.length());
            for (int i = phoneStart; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits.append(c);
                }
            }
            return digits.toString();
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return lower.contains("%40") ? lower.replace("%40", "@") : lower;
    }

    /** Digits with the usual phone punctuation only, and enough digits to be a number someone answers. */
    private static boolean isPhoneShaped(String value, int start) {
        int digits = 0;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if ("+ ()-./".indexOf(c) < 0) {
                return false;
            }
        }
        return digits >= 7;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
