package io.mcegateway.exchangelog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One timestamp format for records, trends and bundles: ISO-8601 with milliseconds and a numeric zone offset
 * ({@code 2026-12-03T18:40:12.345+00:00}), as the support section asks ("timestamp (with time zone)"). Kept as
 * text so records serialise the same with or without Jackson's java.time module.
 */
final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    private Timestamps() {
    }

    static String format(Instant instant, ZoneId zone) {
        return instant == null ? null : FORMAT.format(instant.atZone(zone));
    }
}
