package io.mcegateway.mce;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts MCE REST calls by outcome: the HTTP status (0 when no answer came) and who produced it. */
public final class MceCallMetrics {

    private final MeterRegistry meters;

    public MceCallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void answered(int status) {
        count(status, "MCE");
    }

    public void failed(MceCallException failure) {
        count(failure.status(), failure.source());
    }

    private void count(int status, String source) {
        Counter.builder("mce.requests").description("MCE REST calls by HTTP status and source of the answer")
                .tag("status", String.valueOf(status)).tag("source", source).register(meters).increment();
    }
}
