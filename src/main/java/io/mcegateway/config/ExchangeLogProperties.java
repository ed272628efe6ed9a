package io.mcegateway.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The masked exchange log (guidance Point 3 and its support section). Defaults are documented in
 * {@code config/application.yaml}; the file the JSON lines go to ({@code mce.exchange-log.file.*}) is read by
 * {@code logback-spring.xml}.
 *
 * @param hashKey         key of the keyed hash personal data becomes; from the environment, at least 16 bytes.
 *                        Required with a real MCE account; with the sandbox a random key per start stands in
 * @param personalNames   further field and attribute names whose values are personal data (hashed)
 * @param secretNames     further field and header names whose values are secrets ({@code ***})
 * @param identifierNames further names whose all-digit values are ids, not phone numbers
 * @param queueSize       exchanges waiting to be recorded at most; more are dropped and counted, never waited for
 */
@Validated
@ConfigurationProperties("mce.exchange-log")
public record ExchangeLogProperties(
        Secret hashKey,
        @DefaultValue({"FirstName", "LastName"}) List<String> personalNames,
        @DefaultValue List<String> secretNames,
        @DefaultValue List<String> identifierNames,
        @DefaultValue("10000") @Min(1) int queueSize,
        @DefaultValue StoreProperties store,
        @DefaultValue TrendProperties trend) {

    /** Bounds of the in-memory store support bundles are drawn from. */
    public record StoreProperties(
            @DefaultValue("5000") int maxRecords,
            @DefaultValue("24h") Duration maxAge,
            @DefaultValue("64MB") DataSize maxBytes) {
    }

    /** Error-rate windows and what counts as persistent (see io.mcegateway.exchangelog.ErrorTrend). */
    public record TrendProperties(
            @DefaultValue("1m") Duration bucket,
            @DefaultValue("5m") Duration shortWindow,
            @DefaultValue("55m") Duration baselineWindow,
            @DefaultValue("3.0") double riseFactor,
            @DefaultValue("5") int minErrors,
            @DefaultValue("0.05") double minRate,
            @DefaultValue("3") int persistBuckets,
            @DefaultValue("200") int maxSignatures) {
    }
}
