package io.mcegateway.mce;

import io.mcegateway.exchangelog.ExchangeLog;
import io.mcegateway.exchangelog.RawExchange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * The far side of the wire tap in {@code mce-http-call}: records tapped exchanges in the {@link ExchangeLog} on a
 * thread of its own, so that masking and writing never hold up a call to MCE.
 * <p>
 * One thread keeps records in the order the calls finished. Its queue is bounded; when the log falls that far
 * behind, further records are dropped and counted in {@code mce.exchange.log.dropped} rather than making calls
 * wait or memory grow. The tap never runs the work on the caller's thread.
 */
public final class ExchangeRecorder implements AutoCloseable {

    private final ExchangeLog log;
    private final ThreadPoolExecutor executor;

    public ExchangeRecorder(ExchangeLog log, int queueSize, MeterRegistry meters) {
        this.log = log;
        Counter dropped = Counter.builder("mce.exchange.log.dropped")
                .description("MCE exchanges left out of the exchange log because it fell behind")
                .register(meters);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueSize),
                task -> {
                    Thread thread = new Thread(task, "mce-exchange-log");
                    thread.setDaemon(true);
                    return thread;
                },
                (task, pool) -> dropped.increment());
    }

    /** The wire tap's executor. */
    public ExecutorService executor() {
        return executor;
    }

    /** Records the {@link RawExchange} a tapped copy carries; a copy without one was counted when it failed. */
    public void record(Exchange tapped) {
        if (tapped.getMessage().getBody() instanceof RawExchange raw) {
            log.record(raw);
        }
    }

    /** Records what is queued (for up to five seconds), then stops. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
