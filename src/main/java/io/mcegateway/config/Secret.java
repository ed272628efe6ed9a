package io.mcegateway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential that must never reach a log, an exception message, metrics or health output.
 * {@link #toString()} is masked so that accidental string concatenation cannot leak it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isBlank() ? null : new Secret(value);
    }

    /** The clear value, for the one place that must send it (the token request body). */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
