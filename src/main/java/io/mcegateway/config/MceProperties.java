package io.mcegateway.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the gateway needs to reach Marketing Cloud Engagement. The top-level client settings describe the
 * default business unit; {@code businessUnits} adds further ones by name. Defaults are documented in
 * {@code config/application.yaml}.
 */
@Validated
@ConfigurationProperties("mce")
public record MceProperties(
        String authUrl,
        String restUrl,
        String clientId,
        Secret clientSecret,
        String accountId,
        String scope,
        @DefaultValue Map<String, BusinessUnitProperties> businessUnits,
        @DefaultValue TokenProperties token,
        @DefaultValue HttpProperties http,
        @DefaultValue SandboxProperties sandbox) {

    /** A further business unit (MID). Unset auth and REST URLs fall back to the top-level ones. */
    public record BusinessUnitProperties(
            String authUrl, String restUrl, String clientId, Secret clientSecret, String accountId, String scope) {
    }

    /** How tokens are reused, refreshed and fetched. */
    public record TokenProperties(
            @DefaultValue("60s") Duration expiryMargin,
            @DefaultValue("60s") Duration refreshAhead,
            @DefaultValue("30s") Duration waitTimeout,
            @DefaultValue("60s") Duration credentialsRetryInterval,
            @DefaultValue("10s") Duration outagePause,
            @DefaultValue("5m") Duration maxOutagePause,
            @DefaultValue RetryProperties retry) {
    }

    /** Exponential backoff with jitter for retryable failures (5xx, 429, network). */
    public record RetryProperties(
            @DefaultValue("3") int maxRedeliveries,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("30s") Duration maxDelay,
            @DefaultValue("0.15") double jitter) {
    }

    /** HTTP client timeouts and pool, chosen with MCE's 5 s keep-alive close in mind. */
    public record HttpProperties(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("60s") Duration responseTimeout,
            @DefaultValue("5s") Duration poolTimeout,
            @DefaultValue("2s") Duration idleEviction,
            @DefaultValue("50") int maxConnections) {
    }

    /** The embedded MCE simulator. {@code enabled} defaults to true exactly when no client id is configured. */
    public record SandboxProperties(
            Boolean enabled,
            @DefaultValue("8099") int port,
            @DefaultValue("sandbox-client-id") String clientId,
            @DefaultValue("sandbox-client-secret") Secret clientSecret,
            @DefaultValue("20m") Duration tokenLifetime,
            @DefaultValue("2m") Duration expiresInMargin,
            @DefaultValue("2d") Duration duplicateKeyWindow,
            @DefaultValue("2s") Duration statusDelay,
            @DefaultValue("0.0") double notSentRatio) {
    }
}
