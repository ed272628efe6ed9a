package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcegateway.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatusBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:30Z"));
    /** Waiting moves the test clock instead of sleeping. */
    private final Sleeper sleeper = clock::advance;
    private final StatusBudget budget = new StatusBudget(60, Duration.ofMinutes(1), clock, sleeper);

    @Test
    void callers_get_slots_one_period_over_budget_apart_so_requests_are_levelled() {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waits.add(budget.reserve(Duration.ofHours(1)).toMillis());
        }

        // 60 per minute, plus the 1% margin: one slot every 1010 ms.
        assertThat(waits).containsExactly(0L, 1010L, 2020L, 3030L);
    }

    @Test
    void after_a_quiet_time_the_next_caller_goes_at_once() {
        budget.reserve(Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(30));

        assertThat(budget.reserve(Duration.ofHours(1))).isZero();
    }

    @Test
    void a_caller_that_cannot_wait_for_its_slot_takes_none() {
        budget.reserve(Duration.ofHours(1));
        budget.reserve(Duration.ofHours(1));

        assertThatThrownBy(() -> budget.reserve(Duration.ofSeconds(1)))
                .isInstanceOf(StatusBudgetExhaustedException.class);
        assertThat(budget.reserve(Duration.ofHours(1))).as("the refused slot is still free")
                .isEqualTo(Duration.ofMillis(2020));
    }

    @Test
    void requests_that_bunch_up_behind_the_call_slot_still_never_exceed_the_budget_in_any_period()
            throws InterruptedException {
        Random random = new Random(3);
        List<Instant> admitted = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // Calls arrive in bursts (as after a 429 pause), with random quiet times in between.
            if (random.nextInt(10) == 0) {
                clock.advance(Duration.ofMillis(random.nextInt(20_000)));
            }
            budget.admitNow();
            admitted.add(clock.instant());
        }

        long busiestMinute = 0;
        for (Instant from : admitted) {
            long inPeriod = admitted.stream()
                    .filter(at -> !at.isBefore(from) && at.isBefore(from.plus(Duration.ofMinutes(1)))).count();
            busiestMinute = Math.max(busiestMinute, inPeriod);
        }
        assertThat(busiestMinute).as("the bursts filled the budget, and never more").isEqualTo(60);
        assertThat(budget.used()).isBetween(1, 60);
    }
}
