package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.support.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class BusinessUnitGateTest {

    private final Clock clock = Clock.systemUTC();

    @Test
    void a_429_met_by_one_instance_pauses_the_business_unit_on_another() throws Exception {
        DataSource database = TestDatabases.h2();
        BusinessUnitGate first = new BusinessUnitGate(1, Duration.ofSeconds(30), Duration.ofSeconds(5), clock,
                new DatabasePauses(database));
        BusinessUnitGate second = new BusinessUnitGate(1, Duration.ofSeconds(30), Duration.ofSeconds(5), clock,
                new DatabasePauses(database));

        first.pause("default", Duration.ofMillis(400));
        Instant pauseEnd = first.pausedUntil("default");
        second.enter("default");
        second.leave("default");

        assertThat(Instant.now()).as("the second instance waited for the first one's pause").isAfterOrEqualTo(pauseEnd);
        Instant again = Instant.now();
        second.enter("other-unit");
        assertThat(Duration.between(again, Instant.now())).as("other business units are not paused")
                .isLessThan(Duration.ofMillis(200));
    }

    @Test
    void a_pause_is_never_shortened_by_a_later_shorter_one() {
        DataSource database = TestDatabases.h2();
        DatabasePauses pauses = new DatabasePauses(database);
        Instant later = Instant.parse("2026-12-03T10:00:10Z");
        pauses.pauseUntil("default", later);
        pauses.pauseUntil("default", Instant.parse("2026-12-03T10:00:05Z"));
        assertThat(pauses.pausedUntil("default")).isEqualTo(later);
        assertThat(pauses.pausedUntil("unknown")).isNull();
    }

    @Test
    void without_retry_after_the_configured_pause_applies() {
        BusinessUnitGate gate = new BusinessUnitGate(1, Duration.ofSeconds(30), Duration.ofSeconds(5), clock,
                SharedPauses.NONE);
        assertThat(gate.pause("default", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(gate.pausedUntil("default")).isAfter(Instant.now().plusSeconds(25));
    }
}
