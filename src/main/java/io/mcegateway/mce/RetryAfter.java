package io.mcegateway.mce;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} value: delay-seconds (what MCE sends with 429/50100) or an HTTP-date. */
public final class RetryAfter {

    /** A server asking for more than this is treated as asking for this: a bound on how long a caller stalls. */
    static final Duration MAX = Duration.ofMinutes(10);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            return Optional.of(bounded(Duration.ofSeconds(Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(bounded(Duration.between(now, at)));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration bounded(Duration delay) {
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
