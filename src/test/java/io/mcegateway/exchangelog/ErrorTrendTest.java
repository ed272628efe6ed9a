package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcegateway.exchangelog.Classification.Source;
import io.mcegateway.exchangelog.ErrorTrend.Settings;
import io.mcegateway.exchangelog.ErrorTrend.SignatureTrend;
import io.mcegateway.exchangelog.ErrorTrend.Trend;
import io.mcegateway.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ErrorTrendTest {

    private static final Classification MCE_500 = new Classification(Source.MCE, true, "500/0/MCE", "test");
    private static final Classification PROXY_502 =
            new Classification(Source.INTERMEDIARY, true, "502/-/INTERMEDIARY", "test");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ErrorTrend trend = new ErrorTrend(Settings.defaults(), clock, meters);

    /** One minute of traffic: {@code exchanges} in all, {@code errors} of them failing with {@code error}. */
    private void minute(int exchanges, int errors, Classification error) {
        for (int i = 0; i < exchanges; i++) {
            trend.record(i < errors ? error : null);
        }
        clock.advance(Duration.ofMinutes(1));
    }

    private void minutes(int count, int exchanges, int errors, Classification error) {
        for (int i = 0; i < count; i++) {
            minute(exchanges, errors, error);
        }
    }

    private Trend trendOf(Classification error) {
        return trend.trend(error.signature()).map(SignatureTrend::trend).orElseThrow();
    }

    @Test
    void a_steady_low_error_rate_stays_sporadic() {
        for (int i = 0; i < 90; i++) {
            minute(100, 2, MCE_500);
            assertThat(trendOf(MCE_500)).as("minute %d", i).isEqualTo(Trend.SPORADIC);
        }
    }

    @Test
    void a_rate_that_jumps_and_stays_up_for_three_minutes_becomes_persistent() {
        minutes(55, 100, 1, MCE_500);
        Instant jump = clock.instant();

        minutes(2, 100, 20, MCE_500);
        assertThat(trendOf(MCE_500)).as("after two elevated minutes").isEqualTo(Trend.SPORADIC);

        minute(100, 20, MCE_500);
        SignatureTrend persistent = trend.trend(MCE_500.signature()).orElseThrow();
        assertThat(persistent.trend()).isEqualTo(Trend.PERSISTENT);
        assertThat(persistent.elevatedSince()).isEqualTo("2026-12-03T10:55:00.000+00:00");
        assertThat(Instant.parse(persistent.elevatedSince().replace("+00:00", "Z"))).isEqualTo(jump);
        assertThat(meters.get("mce.errors.persistent").tag("signature", "500/0/MCE").gauge().value()).isEqualTo(1);
    }

    @Test
    void a_single_burst_stays_sporadic() {
        minutes(55, 100, 1, MCE_500);
        minute(100, 60, MCE_500);

        for (int i = 0; i < 10; i++) {
            minute(100, 1, MCE_500);
            assertThat(trendOf(MCE_500)).as("minute %d after the burst", i).isEqualTo(Trend.SPORADIC);
        }
    }

    @Test
    void a_persistent_error_turns_sporadic_again_once_it_stops() {
        minutes(55, 100, 0, MCE_500);
        minutes(4, 100, 30, MCE_500);
        assertThat(trendOf(MCE_500)).isEqualTo(Trend.PERSISTENT);

        minute(100, 0, MCE_500);

        assertThat(trendOf(MCE_500)).isEqualTo(Trend.SPORADIC);
        assertThat(meters.get("mce.errors.persistent").tag("signature", "500/0/MCE").gauge().value()).isZero();
    }

    @Test
    void an_outage_of_ninety_minutes_at_every_exchange_stays_persistent_until_it_ends() {
        minutes(55, 20, 0, null);
        Instant outage = clock.instant();
        minutes(3, 20, 20, MCE_500);

        for (int i = 3; i < 90; i++) {
            SignatureTrend during = trend.trend(MCE_500.signature()).orElseThrow();
            assertThat(during.trend()).as("minute %d of the outage", i).isEqualTo(Trend.PERSISTENT);
            assertThat(during.elevatedSince()).as("minute %d of the outage", i)
                    .isEqualTo(Timestamps.format(outage, clock.getZone()));
            assertThat(during.baselineRate()).as("the baseline from before the outage").isZero();
            assertThat(meters.get("mce.errors.persistent").tag("signature", "500/0/MCE").gauge().value())
                    .as("minute %d of the outage", i).isEqualTo(1);
            minute(20, 20, MCE_500);
        }

        minute(20, 0, MCE_500);

        assertThat(trendOf(MCE_500)).as("one clean minute after the outage").isEqualTo(Trend.SPORADIC);
        assertThat(meters.get("mce.errors.persistent").tag("signature", "500/0/MCE").gauge().value()).isZero();
    }

    @Test
    void an_outage_stays_persistent_when_nobody_looks_at_the_trend_until_long_after_it_began() {
        minutes(55, 20, 0, null);
        minutes(90, 20, 20, MCE_500);

        assertThat(trendOf(MCE_500)).isEqualTo(Trend.PERSISTENT);
    }

    @Test
    void a_second_outage_soon_after_the_first_is_judged_against_the_baseline_from_before_both() {
        minutes(55, 20, 0, null);
        minutes(30, 20, 20, MCE_500);
        minutes(10, 20, 0, MCE_500);
        assertThat(trendOf(MCE_500)).as("between the outages").isEqualTo(Trend.SPORADIC);
        Instant second = clock.instant();

        minutes(3, 20, 20, MCE_500);

        SignatureTrend again = trend.trend(MCE_500.signature()).orElseThrow();
        assertThat(again.trend()).isEqualTo(Trend.PERSISTENT);
        assertThat(again.elevatedSince()).isEqualTo(Timestamps.format(second, clock.getZone()));
        assertThat(again.baselineRate()).as("the first outage's minutes are not its baseline").isZero();
    }

    @Test
    void an_error_never_seen_before_that_keeps_coming_becomes_persistent() {
        minutes(30, 100, 0, null);
        minutes(3, 100, 10, PROXY_502);

        assertThat(trendOf(PROXY_502)).isEqualTo(Trend.PERSISTENT);
    }

    @Test
    void too_few_errors_are_never_persistent_however_high_the_rate() {
        minutes(3, 1, 1, MCE_500);

        assertThat(trendOf(MCE_500)).as("3 errors in 3 exchanges: below the minimum count")
                .isEqualTo(Trend.SPORADIC);
    }

    @Test
    void signatures_are_judged_separately() {
        minutes(55, 100, 1, MCE_500);
        for (int i = 0; i < 3; i++) {
            for (int e = 0; e < 20; e++) {
                trend.record(PROXY_502);
            }
            minute(80, 1, MCE_500);
        }

        assertThat(trendOf(PROXY_502)).isEqualTo(Trend.PERSISTENT);
        assertThat(trendOf(MCE_500)).isEqualTo(Trend.SPORADIC);
    }

    @Test
    void the_snapshot_gives_counts_rates_and_when_an_error_was_first_and_last_seen() {
        minutes(55, 100, 1, MCE_500);
        minutes(5, 100, 4, MCE_500);
        trend.record(MCE_500);

        // Now is 11:00. Short window: 10:56-11:00 (four 4% minutes and the one error now). Baseline: 10:01-10:55
        // (54 minutes at 1%, then the first 4% minute); 10:00 has left the 60 minutes.
        SignatureTrend figures = trend.snapshot().get("500/0/MCE");

        assertThat(figures.source()).isEqualTo(Source.MCE);
        assertThat(figures.count5m()).isEqualTo(4 * 4 + 1);
        assertThat(figures.count60m()).isEqualTo(54 + 5 * 4 + 1);
        assertThat(figures.rate()).isCloseTo(17.0 / 401, within(1e-9));
        assertThat(figures.baselineRate()).isCloseTo((54 + 4) / 5500.0, within(1e-9));
        assertThat(figures.firstSeen()).isEqualTo("2026-12-03T10:00:00.000+00:00");
        assertThat(figures.lastSeen()).isEqualTo("2026-12-03T11:00:00.000+00:00");
        assertThat(figures.trend()).isEqualTo(Trend.SPORADIC);
        assertThat(figures.elevatedSince()).isNull();
    }

    @Test
    void errors_older_than_the_windows_drop_out_of_the_snapshot() {
        minute(10, 5, MCE_500);
        assertThat(trend.snapshot()).containsKey("500/0/MCE");

        clock.advance(Duration.ofMinutes(60));

        assertThat(trend.snapshot()).isEmpty();
        assertThat(trend.trend("500/0/MCE")).as("still known, with zero counts").get()
                .extracting(SignatureTrend::count60m).isEqualTo(0L);
    }

    @Test
    void every_error_is_counted_by_signature_and_source() {
        minute(10, 3, PROXY_502);

        assertThat(meters.get("mce.errors").tag("signature", "502/-/INTERMEDIARY").tag("source", "INTERMEDIARY")
                .counter().count()).isEqualTo(3);
    }

    @Test
    void beyond_the_signature_limit_the_least_recently_seen_is_dropped_with_its_meters() {
        ErrorTrend small = new ErrorTrend(new Settings(Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(55), 3, 5, 0.05, 3, 2), clock, meters);
        small.record(MCE_500);
        clock.advance(Duration.ofSeconds(1));
        small.record(PROXY_502);
        clock.advance(Duration.ofSeconds(1));

        small.record(new Classification(Source.NETWORK, true, "-/-/NETWORK", "test"));

        assertThat(small.trend("500/0/MCE")).isEmpty();
        assertThat(meters.find("mce.errors.persistent").tag("signature", "500/0/MCE").gauge()).isNull();
        assertThat(meters.find("mce.errors").tag("signature", "500/0/MCE").counter())
                .as("no counter left behind for every signature ever seen").isNull();
        assertThat(small.trend("-/-/NETWORK")).isPresent();
    }

    @Test
    void concurrent_recording_loses_no_count() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        trend.record(i % 5 == 0 ? MCE_500 : null);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        SignatureTrend figures = trend.trend("500/0/MCE").orElseThrow();
        assertThat(figures.count5m()).isEqualTo(8 * 1_000);
        assertThat(figures.rate()).isCloseTo(0.2, within(1e-9));
        assertThat(meters.get("mce.errors").tag("signature", "500/0/MCE").counter().count()).isEqualTo(8_000);
    }

    @Test
    void settings_that_cannot_work_are_refused() {
        assertThatThrownBy(() -> new Settings(Duration.ofMinutes(1), Duration.ofSeconds(90), Duration.ofMinutes(55),
                3, 5, 0.05, 3, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(55),
                3, 5, 0.05, 3, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(55),
                0.5, 5, 0.05, 3, 200)).isInstanceOf(IllegalArgumentException.class);
    }
}
