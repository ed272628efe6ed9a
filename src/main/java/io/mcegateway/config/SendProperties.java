package io.mcegateway.config;

import io.mcegateway.config.MceProperties.RetryProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** How accepted messages travel to MCE. Every value is commented in {@code config/application.yaml}. */
@Validated
@ConfigurationProperties("mce.send")
public record SendProperties(
        @DefaultValue("500") @Min(1) @Max(2000) int batchSize,
        @DefaultValue("1s") Duration batchWindow,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("1000") @Min(1) int claimLimit,
        @DefaultValue("10m") Duration claimLease,
        @DefaultValue("10") @Min(1) int maxRequestsPerPeriod,
        @DefaultValue("1s") Duration throttlePeriod,
        @DefaultValue("1") @Min(1) int concurrentCallsPerBusinessUnit,
        @DefaultValue("30s") Duration rateLimitPause,
        @DefaultValue("10m") Duration callSlotWait,
        @DefaultValue("5s") Duration unknownOutcomeCheckDelay,
        @DefaultValue("5") @Min(1) int maxUnknownOutcomeChecks,
        @DefaultValue("10s") Duration noTokenRetryDelay,
        @DefaultValue("5MB") DataSize maxBodySize,
        @DefaultValue RetryProperties retry) {
}
