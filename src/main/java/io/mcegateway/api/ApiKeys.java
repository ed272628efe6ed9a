package io.mcegateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The accepted gateway API keys, held as SHA-256 digests and compared in constant time. */
public final class ApiKeys {

    /**
     * Accepted only while no keys are configured and every business unit talks to the embedded sandbox (its URL and
     * credentials), so that a fresh clone works with one curl call. Never accepted where a call could reach a real
     * MCE account: the key is public.
     */
    public static final String DEVELOPMENT_KEY = "mce-gateway-dev-key";

    private static final String PREFIX = "sha256:";

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = digests;
    }

    /**
     * @param configured      {@code gateway.api-keys}
     * @param unitsOnRealMce  the business units that do not talk to the embedded sandbox alone (all of them when it
     *                        does not run); the development key needs this empty
     * @throws IllegalStateException when keys are missing while a business unit may reach real MCE, or are malformed
     */
    public static ApiKeys from(List<String> configured, List<String> unitsOnRealMce) {
        if (configured.isEmpty()) {
            if (!unitsOnRealMce.isEmpty()) {
                throw new IllegalStateException("gateway.api-keys is empty, and business unit(s) "
                        + unitsOnRealMce.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
                        + " may reach a real MCE account (an auth or REST URL, or credentials, other than the "
                        + "embedded sandbox's). The public development key works only while every business unit "
                        + "talks to the sandbox alone; configure at least one API key digest (sha256:<hex>) so "
                        + "that only your systems can send. See the README, section 'Configure for a real MCE "
                        + "account'.");
            }
            return new ApiKeys(List.of(sha256(DEVELOPMENT_KEY)));
        }
        return new ApiKeys(configured.stream().map(ApiKeys::parse).toList());
    }

    public boolean accepts(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return false;
        }
        byte[] presented = sha256(presentedKey);
        boolean match = false;
        for (byte[] digest : digests) {
            // Every digest is compared, so timing does not reveal which one (if any) matched.
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    /** The digest to configure for a key: {@code sha256:<hex>}. */
    public static String digestOf(String key) {
        return PREFIX + HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] parse(String entry) {
        String value = entry == null ? "" : entry.trim().toLowerCase(Locale.ROOT);
        if (!value.startsWith(PREFIX) || !value.substring(PREFIX.length()).matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("gateway.api-keys entries must look like sha256:<64 hex digits>; "
                    + "one entry does not (its value is not shown)");
        }
        return HexFormat.of().parseHex(value.substring(PREFIX.length()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
