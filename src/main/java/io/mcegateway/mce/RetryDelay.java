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
 */
public final class RetryDelay implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryDelay.class);

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
        // Camel has already counted the coming redelivery when onExceptionOccurred runs: 1 before the first retry.
        int next = Math.max(1, exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class));
        Duration delay = backoff.delayBefore(next, MceFailures.retryAfter(failure, clock.instant()));
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis());
        if (next <= backoff.maxRedeliveries()) {
            LOG.warn("{} failed ({}); retry {} of {} in {} ms", what, MceFailures.describe(failure), next,
                    backoff.maxRedeliveries(), delay.toMillis());
        }
    }
}
