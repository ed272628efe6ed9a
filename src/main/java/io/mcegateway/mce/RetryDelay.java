package io.mcegateway.mce;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the delay of the coming redelivery on the exchange, from {@code onExceptionOccurred}: the error handler
 * reads {@link Exchange#REDELIVERY_DELAY} after this runs and before it sleeps, so a Retry-After from MCE can
 * override the backoff. The delay is set on every failure because Camel would otherwise reuse the last value.
 *
 * <p>Which retry comes next is counted on the exchange too ({@value #FAILURES}), because Camel's redelivery counter
 * is a message header, and a step being retried may clear the headers (the MCE REST call does): the counter would then
 * be missing at the next failure and every retry would wait the first delay.
 */
public final class RetryDelay implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryDelay.class);
    /** Exchange property: failures this processor has seen on the exchange. */
    static final String FAILURES = "mceGatewayRetryFailures";

    private final BackoffPolicy backoff;
    private final Clock clock;
    private final String what;

    public RetryDelay(BackoffPolicy backoff, Clock clock, String what) {
        this.backoff = backoff;
        this.clock = clock;
        this.what = what;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof CallNotAdmittedException) {
            // Camel runs this for every failure of a redelivery; a call its admission refused sent nothing and is
            // not retried, so there is no delay to set or announce.
            return;
        }
        // Camel has already counted the coming redelivery when onExceptionOccurred runs: 1 before the first retry.
        int failures = exchange.getProperty(FAILURES, 0, Integer.class) + 1;
        exchange.setProperty(FAILURES, failures);
        int next = Math.max(failures, exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
        Duration delay = backoff.delayBefore(next, MceFailures.retryAfter(failure, clock.instant()));
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis());
        if (next <= backoff.maxRedeliveries()) {
            LOG.warn("{} failed ({}); retry {} of {} in {} ms", what, MceFailures.describe(failure), next,
                    backoff.maxRedeliveries(), delay.toMillis());
        }
    }
}
