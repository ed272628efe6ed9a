package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.config.MceProperties.RetryProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The delay set from onExceptionOccurred, where Camel's redelivery counter already names the coming retry. */
class RetryDelayTest {

    private final RetryDelay delay = new RetryDelay(new BackoffPolicy(
            new RetryProperties(4, Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), 0.0)), Clock.systemUTC(), "test");

    @Test
    void the_first_retry_waits_the_initial_delay_and_each_next_one_twice_as_long() {
        assertThat(delayBeforeRetry(1)).isEqualTo(100);
        assertThat(delayBeforeRetry(2)).isEqualTo(200);
        assertThat(delayBeforeRetry(3)).isEqualTo(400);
    }

    @Test
    void each_next_retry_waits_longer_even_when_the_retried_step_clears_the_headers() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IOException("connection reset"));
        long[] delays = new long[3];
        for (int retry = 0; retry < delays.length; retry++) {
            delay.process(exchange);
            delays[retry] = exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
            exchange.getMessage().removeHeaders("*"); // as direct:mce-rest-call does before each attempt
        }
        assertThat(delays).containsExactly(100, 200, 400);
    }

    private long delayBeforeRetry(int counter) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IOException("connection reset"));
        exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, counter);
        delay.process(exchange);
        return exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }
}
