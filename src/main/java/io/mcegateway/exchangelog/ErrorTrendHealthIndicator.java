package io.mcegateway.exchangelog;

import io.mcegateway.exchangelog.ErrorTrend.SignatureTrend;
import io.mcegateway.exchangelog.ErrorTrend.Trend;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code mceErrorTrend} health: the MCE error signatures whose rate has clearly risen above its baseline and stays
 * there (the guidance's category 2, worth a support case), with the same trend figures a support bundle shows.
 * Sporadic errors are only counted. Always UP: the gateway still works (it retries, and checks unknown outcomes), so
 * a load balancer must not take it out of service; alert on the {@code mce_errors_persistent} gauge instead. Shows
 * signatures and figures only, never an exchange.
 */
public final class ErrorTrendHealthIndicator implements HealthIndicator {

    private final ErrorTrend trend;

    public ErrorTrendHealthIndicator(ErrorTrend trend) {
        this.trend = trend;
    }

    @Override
    public Health health() {
        Map<String, SignatureTrend> persistent = new LinkedHashMap<>();
        int sporadic = 0;
        for (SignatureTrend signature : trend.snapshot().values()) {
            if (signature.trend() != Trend.PERSISTENT) {
                sporadic++;
                continue;
            }
            persistent.put(signature.signature(), signature);
        }
        return Health.up()
                .withDetail("persistentErrors", persistent)
                .withDetail("sporadicSignatures", sporadic)
                .build();
    }
}
