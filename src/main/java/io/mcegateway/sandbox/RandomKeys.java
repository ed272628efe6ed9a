package io.mcegateway.sandbox;

import java.security.SecureRandom;
import java.util.Base64;

/** Random URL-safe identifiers: access tokens and the messageKeys MCE generates for batch recipients. */
final class RandomKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private RandomKeys() {
    }

    /** 22 characters, like MCE's generated keys ({@code nFL4ULgheUeaGbPIMzJJSw}). */
    static String messageKey() {
        return randomText(16);
    }

    /** Opaque and well under MCE's 512-character maximum; 256 random bits cannot be guessed. */
    static String accessToken() {
        return randomText(96);
    }

    private static String randomText(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return URL_SAFE.encodeToString(buffer);
    }
}
