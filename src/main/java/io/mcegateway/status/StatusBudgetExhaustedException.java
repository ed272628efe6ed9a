package io.mcegateway.status;

import java.time.Duration;

/** No slot in the status budget within the time the caller can wait: nothing was sent to MCE. */
public class StatusBudgetExhaustedException extends RuntimeException {

    public StatusBudgetExhaustedException(Duration wait, Duration maxWait) {
        super("The MCE status budget has no free slot for " + wait.toMillis() + " ms (this caller waits at most "
                + maxWait.toMillis() + " ms)");
    }
}
