package io.mcegateway.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway learns each sent message's final status from MCE. Every value is commented in
 * {@code config/application.yaml}; {@code mce.status.tick} is read by the YAML routes only.
 */
@Validated
@ConfigurationProperties("mce.status")
public record StatusProperties(
        @DefaultValue("120") @Min(1) int maxChecksPerPeriod,
        @DefaultValue("1m") Duration budgetPeriod,
        @DefaultValue({"1m", "5m", "30m", "2h"}) @NotEmpty List<Duration> checkDelays,
        @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("0.5") double checkDelayJitter,
        @DefaultValue("3d") Duration historyWindow,
        @DefaultValue("30s") Duration reconcileInterval,
        @DefaultValue("60s") Duration notSentPollInterval,
        @DefaultValue("100") @Min(1) int notSentPageSize,
        @DefaultValue("20") @Min(1) int notSentMaxPages,
        @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("0.5") double scheduleJitter,
        @DefaultValue("2s") Duration minuteGuard,
        @DefaultValue("10s") Duration failurePause,
        @DefaultValue("5m") Duration maxFailurePause,
        @DefaultValue("10s") Duration refreshCache,
        @DefaultValue("5s") Duration refreshWait) {

    /** Most lookups one reconciliation run claims: what the budget allows in one run interval. */
    public int runAllowance() {
        return (int) Math.max(1, Math.ceil((double) maxChecksPerPeriod * reconcileInterval.toMillis()
                / budgetPeriod.toMillis()));
    }
}
