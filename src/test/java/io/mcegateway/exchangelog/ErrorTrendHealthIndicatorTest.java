package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.exchangelog.Classification.Source;
import io.mcegateway.exchangelog.ErrorTrend.SignatureTrend;
import io.mcegateway.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class ErrorTrendHealthIndicatorTest {

    private static final Classification MCE_500 = new Classification(Source.MCE, true, "500/0/MCE", "MCE error body");
    private static final Classification PROXY_502 = new Classification(Source.INTERMEDIARY, true,
            "502/-/INTERMEDIARY", "HTML body");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ErrorTrend trend = new ErrorTrend(ErrorTrend.Settings.defaults(), clock, meters);
    private final ErrorTrendHealthIndicator health = new ErrorTrendHealthIndicator(trend);

    @Test
    void a_persistent_signature_is_listed_with_its_figures_and_a_sporadic_one_only_counted() {
        // A clean minute, then four minutes of one 500 in every four exchanges: clearly above the baseline, and
        // staying there.
        for (int minute = 0; minute < 5; minute++) {
            for (int i = 0; i < 20; i++) {
                trend.record(minute > 0 && i % 4 == 0 ? MCE_500 : null);
            }
            clock.advance(Duration.ofMinutes(1));
        }
        trend.record(PROXY_502);

        Health answer = health.health();

        assertThat(answer.getStatus()).as("the gateway still works: alert, do not take it out").isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, SignatureTrend> persistent = (Map<String, SignatureTrend>) answer.getDetails()
                .get("persistentErrors");
        assertThat(persistent).containsOnlyKeys("500/0/MCE");
        assertThat(persistent.get("500/0/MCE").count5m()).isPositive();
        assertThat(persistent.get("500/0/MCE").elevatedSince()).isNotNull();
        assertThat(answer.getDetails().get("sporadicSignatures")).isEqualTo(1);
        assertThat(meters.get("mce.errors.persistent").tag("signature", "500/0/MCE").gauge().value()).isEqualTo(1);
    }

    @Test
    void without_errors_health_is_up_with_nothing_listed() {
        trend.record(null);

        assertThat(health.health().getDetails()).containsEntry("persistentErrors", Map.of())
                .containsEntry("sporadicSignatures", 0);
    }
}
