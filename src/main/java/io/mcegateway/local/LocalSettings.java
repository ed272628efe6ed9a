package io.mcegateway.local;

import io.mcegateway.config.MceProperties;
import io.mcegateway.config.MceProperties.BusinessUnitProperties;
import io.mcegateway.config.MceProperties.HttpProperties;
import io.mcegateway.config.MceProperties.RetryProperties;
import io.mcegateway.config.MceProperties.SandboxProperties;
import io.mcegateway.config.MceProperties.TokenProperties;
import io.mcegateway.config.Secret;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's {@code mce.*} and {@code gateway.*} settings read from Camel's properties (a properties file given
 * to Camel JBang, {@code --prop} arguments, environment variables such as {@code MCE_CLIENT_SECRET}), into the same
 * records Spring Boot binds. A setting that is absent gets the default that {@link MceProperties} declares, so both
 * runtimes agree on what an unset value means. Durations are written as in the Spring config: {@code 500ms},
 * {@code 2s}, {@code 20m}, {@code 2d} or ISO-8601 ({@code PT2S}); a number alone is milliseconds.
 */
public final class LocalSettings {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");
    private static final String BUSINESS_UNITS = "mce.business-units.";

    private final Function<String, Optional<String>> lookup;
    private final Properties businessUnits;

    /**
     * @param lookup        one setting by its name, empty when it is not set
     * @param businessUnits every {@code mce.business-units.NAME.*} setting
     */
    public LocalSettings(Function<String, Optional<String>> lookup, Properties businessUnits) {
        this.lookup = lookup;
        this.businessUnits = businessUnits;
    }

    public MceProperties mce() {
        return new MceProperties(
                text("mce.auth-url"),
                text("mce.rest-url"),
                text("mce.client-id"),
                Secret.of(text("mce.client-secret")),
                text("mce.account-id"),
                text("mce.scope"),
                businessUnits(),
                new TokenProperties(
                        duration("mce.token.expiry-margin", "60s"),
                        duration("mce.token.refresh-ahead", "60s"),
                        duration("mce.token.wait-timeout", "30s"),
                        duration("mce.token.credentials-retry-interval", "60s"),
                        new RetryProperties(
                                integer("mce.token.retry.max-redeliveries", 3),
                                duration("mce.token.retry.initial-delay", "1s"),
                                decimal("mce.token.retry.multiplier", 2.0),
                                duration("mce.token.retry.max-delay", "30s"),
                                decimal("mce.token.retry.jitter", 0.15))),
                new HttpProperties(
                        duration("mce.http.connect-timeout", "5s"),
                        duration("mce.http.response-timeout", "60s"),
                        duration("mce.http.pool-timeout", "5s"),
                        duration("mce.http.idle-eviction", "2s"),
                        integer("mce.http.max-connections", 50)),
                new SandboxProperties(
                        Optional.ofNullable(text("mce.sandbox.enabled")).map(LocalSettings::bool).orElse(null),
                        integer("mce.sandbox.port", 8099),
                        textOr("mce.sandbox.client-id", "sandbox-client-id"),
                        Secret.of(textOr("mce.sandbox.client-secret", "sandbox-client-secret")),
                        duration("mce.sandbox.token-lifetime", "20m"),
                        duration("mce.sandbox.expires-in-margin", "2m"),
                        duration("mce.sandbox.duplicate-key-window", "2d"),
                        duration("mce.sandbox.status-delay", "2s"),
                        decimal("mce.sandbox.not-sent-ratio", 0.0)));
    }

    /** {@code gateway.api-keys}: comma-separated {@code sha256:<hex>} digests; empty when unset. */
    public List<String> apiKeys() {
        String keys = text("gateway.api-keys");
        return keys == null ? List.of()
                : Arrays.stream(keys.split(",")).map(String::trim).filter(key -> !key.isEmpty()).toList();
    }

    /** As Spring Boot decides it: the sandbox runs unless a client id is configured, or when forced either way. */
    public static boolean sandboxEnabled(MceProperties mce) {
        Boolean forced = mce.sandbox().enabled();
        return forced != null ? forced : mce.clientId() == null || mce.clientId().isBlank();
    }

    private Map<String, BusinessUnitProperties> businessUnits() {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        businessUnits.stringPropertyNames().stream().filter(key -> key.startsWith(BUSINESS_UNITS)).forEach(key -> {
            String rest = key.substring(BUSINESS_UNITS.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                byName.computeIfAbsent(rest.substring(0, dot), name -> new TreeMap<>())
                        .put(rest.substring(dot + 1), businessUnits.getProperty(key));
            }
        });
        Map<String, BusinessUnitProperties> units = new TreeMap<>();
        byName.forEach((name, unit) -> units.put(name, new BusinessUnitProperties(
                blankToNull(unit.get("auth-url")), blankToNull(unit.get("rest-url")),
                blankToNull(unit.get("client-id")), Secret.of(unit.get("client-secret")),
                blankToNull(unit.get("account-id")), blankToNull(unit.get("scope")))));
        return units;
    }

    private String text(String name) {
        return lookup.apply(name).map(String::trim).filter(value -> !value.isEmpty()).orElse(null);
    }

    private String textOr(String name, String fallback) {
        String value = text(name);
        return value == null ? fallback : value;
    }

    private int integer(String name, int fallback) {
        String value = text(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a whole number");
        }
    }

    private double decimal(String name, double fallback) {
        String value = text(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a number");
        }
    }

    private Duration duration(String name, String fallback) {
        String value = textOr(name, fallback);
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(name, value, "a duration such as 500ms, 2s, 5m, 1h, 2d or PT2S");
        }
    }

    static Duration parseDuration(String value) {
        Matcher simple = SIMPLE_DURATION.matcher(value);
        if (!simple.matches()) {
            return Duration.parse(value);
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2).toLowerCase(Locale.ROOT)) {
            case "", "ms" -> Duration.ofMillis(amount);
            case "ns" -> Duration.ofNanos(amount);
            case "us" -> Duration.ofNanos(amount * 1000);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit " + simple.group(2));
        };
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid("mce.sandbox.enabled", value, "true or false");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static IllegalArgumentException invalid(String name, String value, String expected) {
        // Setting names and shapes only: a value could be a secret pasted into the wrong setting.
        return new IllegalArgumentException(name + " must be " + expected + " (its value of " + value.length()
                + " characters is not)");
    }
}
