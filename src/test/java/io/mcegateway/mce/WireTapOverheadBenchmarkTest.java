package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.mcegateway.exchangelog.ErrorClassifier;
import io.mcegateway.exchangelog.ErrorTrend;
import io.mcegateway.exchangelog.ExchangeLog;
import io.mcegateway.exchangelog.ExchangeStore;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.exchangelog.MaskingRules;
import io.mcegateway.support.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the exchange log's wire tap adds to each MCE call on the calling thread (issue acceptance: "the wire tap's
 * overhead per exchange is small and measured"): the same stubbed MCE call, once straight and once through
 * {@code mce-http-call}, for single sends and 500-recipient batches, after a warm-up. It also prints how fast the
 * exchange log's own thread keeps up (classify, mask, JSON line, trend, store), which costs the caller nothing.
 * Prints wall-clock and CPU time (the steadier figure on a busy machine); asserts nothing about time, since a timing
 * assertion would make the build flaky, only that every exchange was recorded.
 */
class WireTapOverheadBenchmarkTest {

    private static final String STUB = "direct:stub-mce";
    private static final String TOKEN = "fakeBenchToken0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int SMALL = 20_000;
    private static final int BATCHES = 300;
    private static final int BATCH_SIZE = 500;

    private final Clock clock = Clock.systemUTC();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ErrorTrend trend = new ErrorTrend(ErrorTrend.Settings.defaults(), clock, meters);
    private final ExchangeLog log = new ExchangeLog(new Masker(MaskingRules.defaults("bench-only-hash-key-0123"))
            .withKnownSecrets(() -> List.of(TOKEN)), new ErrorClassifier(), trend,
            new ExchangeStore(new ExchangeStore.Limits(2_000, Duration.ofHours(1), 256L * 1024 * 1024), clock, trend),
            meters, clock);

    @Test
    void prints_what_the_wire_tap_adds_to_each_mce_call_on_the_calling_thread() throws Exception {
        Logger exchangeLogger = (Logger) LoggerFactory.getLogger(ExchangeLog.LOGGER_NAME);
        Level level = exchangeLogger.getLevel();
        boolean additive = exchangeLogger.isAdditive();
        CountingAppender recorded = new CountingAppender();
        recorded.start();
        exchangeLogger.setLevel(Level.INFO);
        exchangeLogger.setAdditive(false);
        exchangeLogger.addAppender(recorded);
        ExchangeRecorder recorder = new ExchangeRecorder(log, 1_000_000, meters);
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.addRoutes(new MceHttpCallRoutes(new MceExchangeCapture(clock, exchange -> List.of("bench-1"),
                    meters), recorder, STUB));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(STUB).process(WireTapOverheadBenchmarkTest::answer);
                }
            });
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            String single = singleSend();
            String batch = batchSend();

            run(producer, STUB, single, SMALL);
            run(producer, MceHttp.ENDPOINT, single, SMALL);
            run(producer, STUB, batch, BATCHES);
            run(producer, MceHttp.ENDPOINT, batch, BATCHES);
            Eventually.within(Duration.ofMinutes(5)).until(() -> recorded.count.get() == SMALL + BATCHES);

            long[] plainSingle = run(producer, STUB, single, SMALL);
            long drainStart = System.nanoTime();
            long[] tappedSingle = run(producer, MceHttp.ENDPOINT, single, SMALL);
            Eventually.within(Duration.ofMinutes(5)).until(() -> recorded.count.get() == 2L * SMALL + BATCHES);
            long drainSingle = System.nanoTime() - drainStart;
            long[] plainBatch = run(producer, STUB, batch, BATCHES);
            drainStart = System.nanoTime();
            long[] tappedBatch = run(producer, MceHttp.ENDPOINT, batch, BATCHES);
            Eventually.within(Duration.ofMinutes(5)).until(() -> recorded.count.get() == 2L * SMALL + 2L * BATCHES);
            long drainBatch = System.nanoTime() - drainStart;

            System.out.printf(Locale.ROOT, "%nWire tap overhead per MCE call on the calling thread (capture request "
                    + "and response, hand over to the exchange log), %d cores, load average %.1f:%n",
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            report("single sends (" + single.length() + " B request)", SMALL, plainSingle, tappedSingle);
            report(BATCH_SIZE + "-recipient batches (" + batch.length() / 1024 + " KiB request)", BATCHES,
                    plainBatch, tappedBatch);
            System.out.printf(Locale.ROOT, "Exchange log thread, recording off the calling thread: %,.0f single "
                    + "sends/s, %,.0f batches/s (until the last was recorded)%n%n",
                    SMALL / (drainSingle / 1e9), BATCHES / (drainBatch / 1e9));

            assertThat(meters.get("mce.exchange.log.dropped").counter().count()).isZero();
            assertThat(meters.get("mce.exchange.log.failures").counter().count()).isZero();
        } finally {
            camel.stop();
            recorder.close();
            exchangeLogger.detachAppender(recorded);
            exchangeLogger.setAdditive(additive);
            exchangeLogger.setLevel(level);
        }
    }

    /** Wall-clock and CPU nanoseconds on this thread for {@code count} calls. */
    private static long[] run(ProducerTemplate producer, String endpoint, String body, int count) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Exchange done = producer.send(endpoint, exchange -> {
                exchange.setProperty(MceHttp.TOKEN, "token object");
                exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                exchange.getMessage().setHeader(Exchange.HTTP_URI,
                        "https://mcfake.rest.marketingcloudapis.com/messaging/v1/email/messages/");
                exchange.getMessage().setHeader("Authorization", "Bearer " + TOKEN);
                exchange.getMessage().setHeader("Accept", "application/json");
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                exchange.getMessage().setBody(body);
            });
            if (done.getException() != null) {
                throw new AssertionError(done.getException());
            }
        }
        return new long[] {System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpuStart};
    }

    private static void report(String what, int count, long[] plain, long[] tapped) {
        System.out.printf(Locale.ROOT, "  %-40s straight %7.1f us wall %7.1f us CPU; through the tap %7.1f us wall "
                + "%7.1f us CPU; overhead %+7.1f us wall %+7.1f us CPU per call%n", what,
                plain[0] / 1e3 / count, plain[1] / 1e3 / count, tapped[0] / 1e3 / count, tapped[1] / 1e3 / count,
                (tapped[0] - plain[0]) / 1e3 / count, (tapped[1] - plain[1]) / 1e3 / count);
    }

    /** What the HTTP producer leaves for a small answer: status, response headers, body as bytes. */
    private static void answer(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getMessage().setHeader("X-Request-Id", "ccdb94bf-fcac-4fef-b194-08f534a2079a");
        exchange.getMessage().setBody(("{\"requestId\":\"ccdb94bf-fcac-4fef-b194-08f534a2079a\",\"errorcode\":0,"
                + "\"responses\":[{\"messageKey\":\"bench-1\"}]}").getBytes(StandardCharsets.UTF_8));
    }

    private static String singleSend() {
        return "{\"definitionKey\":\"order_confirm\",\"recipients\":[{\"contactKey\":\"benchperson\","
                + "\"to\":\"benchperson@example.com\",\"messageKey\":\"bench-1\",\"attributes\":{\"FirstName\":"
                + "\"Benchfirst\",\"LastName\":\"Benchlast\",\"OrderNumber\":\"A-1\",\"Total\":\"12.50\"}}]}";
    }

    private static String batchSend() {
        List<String> recipients = new ArrayList<>();
        for (int r = 0; r < BATCH_SIZE; r++) {
            recipients.add("{\"contactKey\":\"benchperson" + r + "\",\"to\":\"benchperson" + r + "@example.com\","
                    + "\"messageKey\":\"bench-" + r + "\",\"attributes\":{\"FirstName\":\"Benchfirst\","
                    + "\"LastName\":\"Benchlast\",\"OrderNumber\":\"A-" + r + "\",\"Total\":\"12.50\"}}");
        }
        return "{\"definitionKey\":\"order_confirm\",\"recipients\":[" + String.join(",", recipients) + "]}";
    }

    /** Counts recorded lines without formatting or writing them. */
    private static final class CountingAppender extends AppenderBase<ILoggingEvent> {
        final AtomicLong count = new AtomicLong();

        @Override
        protected void append(ILoggingEvent event) {
            count.incrementAndGet();
        }
    }
}
