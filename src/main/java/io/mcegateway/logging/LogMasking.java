package io.mcegateway.logging;

import io.mcegateway.exchangelog.Masker;
import io.mcegateway.exchangelog.MaskingRules;
import java.security.SecureRandom;

/**
 * The masker the application log uses ({@link MaskingLayoutEncoder}). Logging starts before the application
 * context, so until the gateway installs its own masker (configured hash key, known client secrets and tokens) a
 * stand-in with a random key masks by pattern alone: e-mail addresses, phone numbers, bearer credentials, JWTs,
 * secret and personal {@code name=value} pairs.
 */
public final class LogMasking {

    private static final Masker STAND_IN = new Masker(MaskingRules.defaults(randomKey()));
    private static volatile Masker current = STAND_IN;

    private LogMasking() {
    }

    /** Makes {@code masker} the application log's masker until the returned installation is closed. */
    public static Installation use(Masker masker) {
        current = masker;
        return new Installation(masker);
    }

    /** Free text from a log event, masked; never throws. */
    static String mask(String text) {
        return current.maskText(text);
    }

    /** One gateway's masker in use; closing it (when that gateway stops) goes back to the stand-in. */
    public static final class Installation implements AutoCloseable {

        private final Masker masker;

        private Installation(Masker masker) {
            this.masker = masker;
        }

        @Override
        public void close() {
            if (current == masker) {
                current = STAND_IN;
            }
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
