package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StaggeredScheduleTest {

    private static final Duration TICK = Duration.ofMillis(50);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

    @Test
    void runs_about_every_interval_with_jitter_and_never_within_the_guard_of_a_whole_minute() {
        StaggeredSchedule schedule = new StaggeredSchedule("test", Duration.ofSeconds(30), 0.2,
                Duration.ofSeconds(2), clock, new Random(1)::nextDouble);

        List<Instant> runs = runsDuring(schedule, Duration.ofHours(2));

        assertThat(runs).hasSizeBetween(200, 290).allSatisfy(run -> {
            long intoMinute = run.toEpochMilli() % 60_000;
            assertThat(intoMinute).as("ms into the minute of %s", run).isBetween(2_001L, 57_999L);
        });
        List<Long> gaps = gaps(runs);
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(24_000L, 36_000L + 4_000L + TICK.toMillis()));
        assertThat(gaps.stream().distinct().count()).as("jitter varies the gaps").isGreaterThan(50);
    }

    @Test
    void a_one_minute_interval_started_on_the_minute_is_moved_off_it() {
        StaggeredSchedule schedule = new StaggeredSchedule("test", Duration.ofMinutes(1), 0.0,
                Duration.ofSeconds(2), clock, () -> 0.0);

        List<Instant> runs = runsDuring(schedule, Duration.ofMinutes(10));

        assertThat(runs).hasSize(10).allSatisfy(run ->
                assertThat(run.toEpochMilli() % 60_000).isBetween(2_001L, 57_999L));
    }

    @Test
    void instances_start_at_different_points_of_the_first_interval() {
        StaggeredSchedule first = new StaggeredSchedule("a", Duration.ofSeconds(30), 0.2, Duration.ofSeconds(2),
                clock, new Random(1)::nextDouble);
        StaggeredSchedule second = new StaggeredSchedule("b", Duration.ofSeconds(30), 0.2, Duration.ofSeconds(2),
                clock, new Random(2)::nextDouble);

        assertThat(first.next()).isNotEqualTo(second.next());
        assertThat(List.of(first.next(), second.next())).allSatisfy(next ->
                assertThat(next).isBetween(clock.instant(), clock.instant().plusSeconds(34)));
    }

    private List<Instant> runsDuring(StaggeredSchedule schedule, Duration span) {
        List<Instant> runs = new ArrayList<>();
        Instant end = clock.instant().plus(span);
        while (clock.instant().isBefore(end)) {
            if (schedule.due()) {
                runs.add(clock.instant());
            }
            clock.advance(TICK);
        }
        return runs;
    }

    private static List<Long> gaps(List<Instant> runs) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            gaps.add(Duration.between(runs.get(i - 1), runs.get(i)).toMillis());
        }
        return gaps;
    }
}
