package io.mcegateway.sandbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats instants the way Transactional Messaging status responses do: Central Standard Time with no
 * daylight saving, no zone suffix, and a fraction of variable length ({@code 2018-08-03T13:41:18.55}).
 * Trailing zeros of the milliseconds are dropped so that clients cannot rely on a fixed width.
 */
final class CentralTimestamps {

    // MCE documents CST "without DST", i.e. a fixed UTC-6, not America/Chicago.
    private static final ZoneOffset CST = ZoneOffset.ofHours(-6);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private CentralTimestamps() {
    }

    static String format(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, CST);
        String fraction = String.format(Locale.ROOT, "%03d", local.getNano() / 1_000_000).replaceAll("0+$", "");
        return SECONDS.format(local) + "." + (fraction.isEmpty() ? "0" : fraction);
    }
}
