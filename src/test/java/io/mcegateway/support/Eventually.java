package io.mcegateway.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Bounded waits for asynchronous outcomes (deliveries, status changes): never a fixed sleep. */
public final class Eventually {

    private Eventually() {
    }

    public static ConditionFactory within(Duration bound) {
        return Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO);
    }

    public static ConditionFactory soon() {
        return within(Duration.ofSeconds(20));
    }
}
