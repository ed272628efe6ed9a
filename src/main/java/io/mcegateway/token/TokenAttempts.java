package io.mcegateway.token;

import io.mcegateway.mce.MceFailures;
import io.mcegateway.mce.MceHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Counts every HTTP attempt at MCE's auth API, retries included, as {@code mce.token.requests} by business unit
 * and outcome: {@code issued}, {@code rejected} (a 4xx but 429: never retried) or {@code failed} (5xx, 429,
 * network fault, unreadable answer). Counting token flights instead would hide the attempts an outage costs.
 */
public final class TokenAttempts {

    private final MeterRegistry meters;

    public TokenAttempts(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The attempt brought a token. */
    public void issued(Exchange exchange) {
        count(exchange, "issued");
    }

    /** The attempt failed: counted, then the failure goes on unchanged to the token route's retry policy. */
    public void failed(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean rejected = failure instanceof HttpOperationFailedException http && !MceFailures.isRetryable(http);
        count(exchange, rejected ? "rejected" : "failed");
        throw failure;
    }

    private void count(Exchange exchange, String outcome) {
        BusinessUnit unit = exchange.getProperty(MceHttp.BUSINESS_UNIT, BusinessUnit.class);
        Counter.builder("mce.token.requests")
                .description("HTTP attempts at MCE's auth API, retries included, by outcome (issued, rejected, "
                        + "failed)")
                .tag("businessUnit", unit == null ? "unknown" : unit.name())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
