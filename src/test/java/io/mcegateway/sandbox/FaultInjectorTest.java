package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private final FaultInjector faults = new FaultInjector();

    @Test
    void hands_out_no_fault_when_nothing_is_installed() {
        assertThat(faults.next(RouteIds.EMAIL_SEND)).isEqualTo(Fault.none());
    }

    @Test
    void consumes_a_script_one_fault_per_request_then_goes_quiet() {
        faults.script(RouteIds.SMS_SEND, Fault.httpError(502), Fault.responseLost());

        assertThat(faults.next(RouteIds.SMS_SEND)).isEqualTo(Fault.httpError(502));
        assertThat(faults.next(RouteIds.EMAIL_SEND)).as("other routes untouched").isEqualTo(Fault.none());
        assertThat(faults.next(RouteIds.SMS_SEND)).isEqualTo(Fault.responseLost());
        assertThat(faults.next(RouteIds.SMS_SEND)).isEqualTo(Fault.none());
        assertThat(faults.plans()).isEmpty();
    }

    @Test
    void lets_a_routes_own_plan_decide_before_the_wildcard() {
        faults.script(RouteIds.ALL, Fault.httpError(503), Fault.httpError(503));
        faults.script(RouteIds.TOKEN, Fault.httpError(500));

        assertThat(faults.next(RouteIds.TOKEN)).isEqualTo(Fault.httpError(500));
        assertThat(faults.next(RouteIds.TOKEN)).as("own script used up: wildcard").isEqualTo(Fault.httpError(503));
        assertThat(faults.next(RouteIds.EMAIL_STATUS)).isEqualTo(Fault.httpError(503));
        assertThat(faults.next(RouteIds.EMAIL_STATUS)).isEqualTo(Fault.none());
    }

    @Test
    void draws_the_same_pattern_from_the_same_seed() {
        faults.rate(RouteIds.EMAIL_BATCH, 0.3, Fault.temporarilyBlocked(), 7L);
        List<Fault> first = draw(100);
        faults.rate(RouteIds.EMAIL_BATCH, 0.3, Fault.temporarilyBlocked(), 7L);
        List<Fault> second = draw(100);

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(f -> f.kind() == Fault.Kind.RATE_LIMIT).count()).isBetween(10L, 50L);
    }

    @Test
    void never_and_always_fault_at_rates_zero_and_one() {
        faults.rate(RouteIds.TOKEN, 0.0, Fault.httpError(500));
        faults.rate(RouteIds.SMS_STATUS, 1.0, Fault.httpError(500));

        assertThat(IntStream.range(0, 50).mapToObj(i -> faults.next(RouteIds.TOKEN))).containsOnly(Fault.none());
        assertThat(IntStream.range(0, 50).mapToObj(i -> faults.next(RouteIds.SMS_STATUS))).containsOnly(Fault.httpError(500));
    }

    @Test
    void clears_one_route_or_all() {
        faults.rate(RouteIds.TOKEN, 1.0, Fault.httpError(500));
        faults.rate(RouteIds.SMS_STATUS, 1.0, Fault.httpError(500));

        faults.clear(RouteIds.TOKEN);
        assertThat(faults.plans()).containsOnlyKeys(RouteIds.SMS_STATUS);
        faults.clear();
        assertThat(faults.plans()).isEmpty();
    }

    @Test
    void refuses_unknown_routes_rates_and_empty_scripts() {
        assertThatThrownBy(() -> faults.script("email-sned", Fault.httpError(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email-sned");
        assertThatThrownBy(() -> faults.rate(RouteIds.TOKEN, 1.5, Fault.httpError(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.script(RouteIds.TOKEN, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.httpError(200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labels_faults_for_the_ledger() {
        assertThat(Fault.httpError(504).label()).isEqualTo("http-504");
        assertThat(Fault.rateLimited(3).label()).isEqualTo("rate-limit");
        assertThat(Fault.connectionReset().label()).isEqualTo("connection-reset");
        assertThat(Fault.Kind.RESPONSE_LOST.processed()).isTrue();
        assertThat(Fault.Kind.CONNECTION_RESET.processed()).isFalse();
    }

    private List<Fault> draw(int requests) {
        List<Fault> drawn = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            drawn.add(faults.next(RouteIds.EMAIL_BATCH));
        }
        return drawn;
    }
}
