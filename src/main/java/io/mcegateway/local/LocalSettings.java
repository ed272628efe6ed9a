package io.mcegateway.local;

import io.mcegateway.config.GatewayProperties;
import io.mcegateway.config.MceProperties;
import io.mcegateway.config.MceProperties.BusinessUnitProperties;
import io.mcegateway.config.MceProperties.HttpProperties;
import io.mcegateway.config.MceProperties.RetryProperties;
import io.mcegateway.config.MceProperties.SandboxProperties;
import io.mcegateway.config.MceProperties.TokenProperties;
import io.mcegateway.config.Secret;
import io.mcegateway.config.ExchangeLogProperties;
import io.mcegateway.config.SendProperties;
import io.mcegateway.config.StatusProperties;
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
import org.springframework.util.unit.DataSize;

/**
 * The gateway's {@code mce.*} and {@code gateway.*} settings read from Camel's properties (a properties file given
 * to Camel JBang, {@code --prop} arguments, environment variables such as {@code MCE_CLIENT_SECRET}), into the same
 * records Spring Boot binds ({@link MceProperties}, {@link SendProperties}, {@link GatewayProperties}). A setting
 * that is absent gets the default those records declare, so both runtimes agree on what an unset value means, and
 * the limits they declare ({@code @Min}, {@code @Max}) are checked here too. Durations are written as in the Spring
 * config: {@code 500ms}, {@code 2s}, {@code 20m}, {@code 2d} or ISO-8601 ({@code PT2S}); a number alone is
 * milliseconds. Sizes: {@code 5MB}, {@code 512KB}; a number alone is bytes.
 *
 * <p>The message store's database takes Spring Boot's names ({@code spring.datasource.url}, {@code .username},
 * {@code .password}), so one environment variable such as {@code SPRING_DATASOURCE_PASSWORD} serves both runtimes.
 */
public final class LocalSettings {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");
    private static final String BUSINESS_UNITS = "mce.business-units.";
    /** The message store of local runs when {@code spring.datasource.url} is not set: an H2 file of its own. */
    public static final String DEFAULT_DATABASE_URL =
            "jdbc:h2:file:./data/local-run/mce-gateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";

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
                        duration("mce.token.outage-pause", "10s"),
                        duration("mce.token.max-outage-pause", "5m"),
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

    /** {@code mce.send.*}: how accepted messages travel to MCE. */
    public SendProperties send() {
        return new SendProperties(
                integer("mce.send.batch-size", 500, 1, 2000),
                duration("mce.send.batch-window", "1s"),
                duration("mce.send.poll-interval", "250ms"),
                integer("mce.send.claim-limit", 1000, 1, Integer.MAX_VALUE),
                duration("mce.send.claim-lease", "10m"),
                integer("mce.send.max-requests-per-period", 10, 1, Integer.MAX_VALUE),
                duration("mce.send.throttle-period", "1s"),
                integer("mce.send.concurrent-calls-per-business-unit", 1, 1, Integer.MAX_VALUE),
                duration("mce.send.rate-limit-pause", "30s"),
                duration("mce.send.call-slot-wait", "10m"),
                duration("mce.send.unknown-outcome-check-delay", "5s"),
                integer("mce.send.max-unknown-outcome-checks", 5, 1, Integer.MAX_VALUE),
                duration("mce.send.no-token-retry-delay", "10s"),
                size("mce.send.max-body-size", "5MB"),
                new RetryProperties(
                        integer("mce.send.retry.max-redeliveries", 3),
                        duration("mce.send.retry.initial-delay", "1s"),
                        decimal("mce.send.retry.multiplier", 2.0),
                        duration("mce.send.retry.max-delay", "30s"),
                        decimal("mce.send.retry.jitter", 0.15)));
    }

    /** {@code mce.status.*}: the status-check flow. */
    public StatusProperties status() {
        List<Duration> delays = list("mce.status.check-delays").stream().map(LocalSettings::parseDuration).toList();
        return new StatusProperties(
                integer("mce.status.max-checks-per-period", 120, 1, Integer.MAX_VALUE),
                duration("mce.status.budget-period", "1m"),
                delays.isEmpty() ? List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
                        Duration.ofHours(2)) : delays,
                decimal("mce.status.check-delay-jitter", 0.1),
                duration("mce.status.history-window", "3d"),
                duration("mce.status.reconcile-interval", "30s"),
                duration("mce.status.not-sent-poll-interval", "60s"),
                integer("mce.status.not-sent-page-size", 100, 1, Integer.MAX_VALUE),
                integer("mce.status.not-sent-max-pages", 20, 1, Integer.MAX_VALUE),
                decimal("mce.status.schedule-jitter", 0.2),
                duration("mce.status.minute-guard", "2s"),
                duration("mce.status.failure-pause", "10s"),
                duration("mce.status.max-failure-pause", "5m"),
                duration("mce.status.refresh-cache", "10s"),
                duration("mce.status.refresh-wait", "5s"));
    }

    /** {@code mce.exchange-log.*}: the masked exchange log. */
    public ExchangeLogProperties exchangeLog() {
        List<String> personal = list("mce.exchange-log.personal-names");
        return new ExchangeLogProperties(
                Secret.of(text("mce.exchange-log.hash-key")),
                personal.isEmpty() ? List.of("FirstName", "LastName") : personal,
                list("mce.exchange-log.secret-names"),
                list("mce.exchange-log.identifier-names"),
                integer("mce.exchange-log.queue-size", 10000, 1, Integer.MAX_VALUE),
                new ExchangeLogProperties.StoreProperties(
                        integer("mce.exchange-log.store.max-records", 5000),
                        duration("mce.exchange-log.store.max-age", "24h"),
                        size("mce.exchange-log.store.max-bytes", "64MB")),
                new ExchangeLogProperties.TrendProperties(
                        duration("mce.exchange-log.trend.bucket", "1m"),
                        duration("mce.exchange-log.trend.short-window", "5m"),
                        duration("mce.exchange-log.trend.baseline-window", "55m"),
                        decimal("mce.exchange-log.trend.rise-factor", 3.0),
                        integer("mce.exchange-log.trend.min-errors", 5),
                        decimal("mce.exchange-log.trend.min-rate", 0.05),
                        integer("mce.exchange-log.trend.persist-buckets", 3),
                        integer("mce.exchange-log.trend.max-signatures", 200)));
    }

    /** A list setting, as Spring flattens YAML lists ({@code name[0]}, {@code name[1]}, ...) or comma-separated. */
    private List<String> list(String name) {
        List<String> items = new java.util.ArrayList<>();
        for (int i = 0; ; i++) {
            String item = text(name + "[" + i + "]");
            if (item == null) {
                break;
            }
            items.add(item);
        }
        if (items.isEmpty() && text(name) != null) {
            Arrays.stream(text(name).split(",")).map(String::trim).filter(item -> !item.isEmpty()).forEach(items::add);
        }
        return items;
    }

    /** {@code gateway.*}: the API keys and this instance's name. */
    public GatewayProperties gateway() {
        return new GatewayProperties(apiKeys(), text("gateway.instance-id"));
    }

    /** {@code gateway.api-keys}: comma-separated {@code sha256:<hex>} digests; empty when unset. */
    public List<String> apiKeys() {
        String keys = text("gateway.api-keys");
        return keys == null ? List.of()
                : Arrays.stream(keys.split(",")).map(String::trim).filter(key -> !key.isEmpty()).toList();
    }

    /** {@code spring.datasource.*}: the message store's database; an H2 file under ./data/local-run when unset. */
    public Database database() {
        return new Database(textOr("spring.datasource.url", DEFAULT_DATABASE_URL),
                textOr("spring.datasource.username", "sa"), Secret.of(text("spring.datasource.password")));
    }

    /**
     * Where the message store lives.
     *
     * @param url      JDBC URL: H2 ({@code jdbc:h2:...}) or PostgreSQL ({@code jdbc:postgresql://...})
     * @param username database user
     * @param password database password; empty when unset
     */
    public record Database(String url, String username, Secret password) {
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

    private int integer(String name, int fallback, int min, int max) {
        int value = integer(name, fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " (it is "
                    + value + ")");
        }
        return value;
    }

    private DataSize size(String name, String fallback) {
        String value = textOr(name, fallback);
        try {
            return DataSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, value, "a size such as 512KB or 5MB");
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
