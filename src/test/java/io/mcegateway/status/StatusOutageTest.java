package io.mcegateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteRequest;
import io.mcegateway.send.MessageStatus;
import io.mcegateway.send.MessageStore;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * While MCE's status route fails, reconciliation backs off instead of storming it, never exceeds the status budget,
 * and finishes on its own once the route works again. The budget period is 2 s here (1 min in production) so that
 * the run spans many budget periods.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mce.status.max-checks-per-period=" + StatusOutageTest.BUDGET,
        "mce.status.budget-period=2s",
        "mce.status.check-delays=300ms,300ms,600ms",
        "mce.status.failure-pause=200ms",
        "mce.status.max-failure-pause=2s"})
class StatusOutageTest {

    static final int BUDGET = 20;
    static final Duration PERIOD = Duration.ofSeconds(2);
    static final int MESSAGES = 100;
    static final List<String> STATUS_ROUTES = List.of("email-status", "email-notsent");

    @LocalServerPort
    int port;

    @Autowired
    MceSandbox sandbox;

    @Autowired
    MessageStore store;

    @Test
    void while_the_status_route_fails_lookups_back_off_within_the_budget_and_finish_afterwards() {
        sandbox.faults().rate("email-status", 1.0, Fault.httpError(500));
        String recipients = IntStream.range(0, MESSAGES)
                .mapToObj(i -> "{\"contactKey\":\"c" + i + "\",\"to\":\"u" + i + "@example.com\",\"messageKey\":\"outage-"
                        + i + "\"}")
                .collect(Collectors.joining(","));
        assertThat(new GatewayClient(port).sendEmailBatch("{\"definitionKey\":\"d\",\"recipients\":[" + recipients
                + "]}").statusCode()).isEqualTo(202);

        Eventually.within(Duration.ofSeconds(60)).until(() -> failedLookups().size() >= 5);
        Instant repaired = Instant.now();
        sandbox.faults().clear("email-status");
        Eventually.within(Duration.ofSeconds(90)).until(() -> store.count(MessageStatus.SENT) == MESSAGES);

        List<RouteRequest> failed = failedLookups();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < failed.size(); i++) {
            gaps.add(Duration.between(failed.get(i - 1).receivedAt(), failed.get(i).receivedAt()).toMillis());
        }
        List<RouteRequest> requests = STATUS_ROUTES.stream().flatMap(route -> sandbox.ledger().requests(route).stream())
                .sorted(Comparator.comparing(RouteRequest::receivedAt)).toList();
        Duration outage = Duration.between(failed.get(0).receivedAt(), repaired);
        System.out.printf("status outage: %d failed lookups in %d ms of 500s (the budget would have allowed %d), "
                        + "gaps between them %s ms; then %d lookups and %d not-sent pages until all %d SENT; at most %d "
                        + "status requests in any %d ms (budget %d per period)%n", failed.size(), outage.toMillis(),
                outage.toMillis() * BUDGET / PERIOD.toMillis(), gaps, sandbox.ledger().requests("email-status").size()
                        - failed.size(), sandbox.ledger().requests("email-notsent").size(), MESSAGES,
                maxInAnyWindow(requests, PERIOD), PERIOD.toMillis(), BUDGET);

        assertThat(requests.size()).as("enough requests to test the budget").isGreaterThan(3 * BUDGET);
        assertThat(maxInAnyWindow(requests, PERIOD)).as("status requests in any budget period")
                .isLessThanOrEqualTo(BUDGET);
        for (int i = 0; i < Math.min(gaps.size(), 4); i++) {
            // Each failure doubles the pause (200 ms, 400 ms, 800 ms, ... +/-20%) before the next probe.
            assertThat(gaps.get(i)).as("gap after failure %d", i + 1).isGreaterThanOrEqualTo((long) (160 << i));
        }
        assertThat(failed.size()).as("one probe per pause, not a storm")
                .isLessThan((int) (outage.toMillis() * BUDGET / PERIOD.toMillis() / 4));
    }

    private List<RouteRequest> failedLookups() {
        return sandbox.ledger().requests("email-status").stream().filter(request -> request.status() == 500).toList();
    }

    /** Most requests received within any window of the given length (half-open: [t, t + window)). */
    static int maxInAnyWindow(List<RouteRequest> sorted, Duration window) {
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            Instant limit = sorted.get(end).receivedAt().minus(window);
            while (!sorted.get(start).receivedAt().isAfter(limit)) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}
