package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CentralTimestampsTest {

    @Test
    void formats_in_utc_minus_six_without_zone_even_in_summer() {
        assertThat(CentralTimestamps.format(Instant.parse("2026-07-03T19:41:18.553Z"))).isEqualTo("2026-07-03T13:41:18.553");
        assertThat(CentralTimestamps.format(Instant.parse("2026-12-03T19:41:18.553Z"))).isEqualTo("2026-12-03T13:41:18.553");
    }

    @Test
    void drops_trailing_zeros_of_the_fraction_like_mce() {
        assertThat(CentralTimestamps.format(Instant.parse("2018-08-03T19:41:18.550Z"))).isEqualTo("2018-08-03T13:41:18.55");
        assertThat(CentralTimestamps.format(Instant.parse("2018-08-03T19:41:18Z"))).isEqualTo("2018-08-03T13:41:18.0");
    }
}
