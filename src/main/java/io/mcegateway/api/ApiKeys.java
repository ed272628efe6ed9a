package io.mcegateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The accepted gateway API keys, held as SHA-256 digests and compared in constant time. */
public final class ApiKeys {

    /**
     * Accepted only while the sandbox is on and no keys are configured, so that a fresh clone works with one curl
     * call. Never accepted against a real MCE account.
     */
    public static final String DEVELOPMENT_KEY = "mce-gateway-dev-key";

    private static final String PREFIX = "sha256:";

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = digests;
    }

    /**
     * @param configured {@code gateway.api-keys}
     * @param sandbox    whether the gateway talks to the embedded sandbox
     * @throws IllegalStateException when keys are missing against real MCE or are malformed
     */
    public static ApiKeys from(List<String> configured, boolean sandbox) {
        if (configured.isEmpty()) {
            if (!sandbox) {
                throw new IllegalStateException("gateway.api-keys is empty. With a real MCE account the gateway "
                        + "needs at least one API key digest (sha256:<hex>) so that only your systems can send; "
                        + "see the README, section 'Configure for a real MCE account'.");
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
