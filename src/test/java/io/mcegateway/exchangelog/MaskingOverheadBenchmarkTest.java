package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.exchangelog.ExchangeStore.Limits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Measures what the exchange log adds to each MCE exchange (issue acceptance: "the wire tap's overhead per exchange
 * is small and measured"): classification, masking, serialisation to a JSON line, trend and store, on realistic
 * token, single-send and 500-recipient batch exchanges, after a warm-up. It prints wall-clock and CPU time (CPU
 * time is the steadier figure on a busy machine) and throughput. It asserts nothing
 * about time: speed depends on the machine, and a timing assertion would make the build flaky. It asserts only that
 * what it measured was masked.
 */
class MaskingOverheadBenchmarkTest {

    private static final String SECRET = "fakeBenchSecretAAAABBBBCCCCDDDD";
    private static final String TOKEN = "eyJfakeBenchHeader0123.eyJfakeBenchPayload0123456789.fakeSignature0123.fakeExtra";
    private static final int WARM_UP = 10_000;
    private static final int SMALL_EXCHANGES = 20_000;
    private static final int BATCH_EXCHANGES = 400;
    private static final int BATCH_SIZE = 500;

    private final Clock clock = Clock.systemUTC();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ErrorTrend trend = new ErrorTrend(ErrorTrend.Settings.defaults(), clock, meters);
    private final List<String> lastLine = new ArrayList<>(List.of(""));
    private final Consumer<String> sink = line -> lastLine.set(0, line);
    private final ExchangeLog log = new ExchangeLog(TestMasking.masker(() -> List.of(SECRET, TOKEN)),
            new ErrorClassifier(), trend, new ExchangeStore(new Limits(2_000, java.time.Duration.ofHours(1),
            256L * 1024 * 1024), clock, trend), meters, clock, sink);

    @Test
    void prints_the_cost_of_recording_token_single_send_and_500_recipient_batch_exchanges() {
        List<RawExchange> small = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            small.add(i % 2 == 0 ? tokenExchange(i) : singleSend(i));
        }
        List<RawExchange> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(batchSend(i));
        }
        for (int i = 0; i < WARM_UP; i++) {
            log.record(small.get(i % small.size()));
            if (i % 100 == 0) {
                log.record(batches.get(i % batches.size()));
            }
        }

        long[] smallNanos = time(small, SMALL_EXCHANGES);
        String smallLine = lastLine.get(0);
        long[] batchNanos = time(batches, BATCH_EXCHANGES);
        String batchLine = lastLine.get(0);

        int batchBytes = batches.get(0).requestBody().length() + batches.get(0).responseBody().length();
        System.out.printf(Locale.ROOT, "%nExchange-log overhead per MCE exchange (classify + mask + JSON line + trend + "
                + "store), %d cores:%n", Runtime.getRuntime().availableProcessors());
        report("token and single-send exchanges", SMALL_EXCHANGES, smallNanos);
        report(BATCH_SIZE + "-recipient batch sends (" + batchBytes / 1024 + " KiB of bodies each)", BATCH_EXCHANGES,
                batchNanos);
        System.out.printf(Locale.ROOT, "  that is %.2f us CPU per batch recipient; load average %.1f%n%n",
                batchNanos[1] / 1_000.0 / BATCH_EXCHANGES / BATCH_SIZE,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        assertThat(smallLine).isNotEmpty().doesNotContain(SECRET, TOKEN, "benchperson");
        assertThat(batchLine).doesNotContain(SECRET, TOKEN, "benchperson", "Benchfirst", "Benchlast");
        assertThat(meters.get("mce.exchange.log.failures").counter().count()).isZero();
    }

    /** Wall-clock and CPU nanoseconds for recording {@code count} exchanges on this thread. */
    private long[] time(List<RawExchange> exchanges, int count) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            log.record(exchanges.get(i % exchanges.size()));
        }
        return new long[] {System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpuStart};
    }

    private static void report(String what, int count, long[] nanos) {
        System.out.printf(Locale.ROOT, "  %-58s %6d exchanges: mean %8.1f us wall, %8.1f us CPU per exchange; "
                + "%7.0f exchanges/s%n", what, count, nanos[0] / 1_000.0 / count, nanos[1] / 1_000.0 / count,
                count / (nanos[0] / 1e9));
    }

    private static RawExchange tokenExchange(int i) {
        return RawExchange.builder()
                .startedAt(Instant.now())
                .method("POST")
                .url("https://mcfakeauth.auth.marketingcloudapis.com/v2/token")
                .status(200)
                .durationMs(120)
                .requestHeaders(Map.of("Content-Type", "application/json", "Accept", "application/json"))
                .requestBody("{\"grant_type\":\"client_credentials\",\"client_id\":\"fakeclientid" + i
                        + "\",\"client_secret\":\"" + SECRET + "\",\"account_id\":\"514000123\"}")
                .responseHeaders(Map.of("Content-Type", "application/json; charset=utf-8"))
                .responseBody("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":1079,"
                        + "\"scope\":\"email_read email_send\",\"rest_instance_url\":"
                        + "\"https://mcfakerest.rest.marketingcloudapis.com/\"}")
                .route("fetch-token")
                .attempt(1)
                .businessUnit("default")
                .build();
    }

    private static RawExchange singleSend(int i) {
        String key = "bench-" + i;
        return RawExchange.builder()
                .startedAt(Instant.now())
                .method("POST")
                .url("https://mcfakerest.rest.marketingcloudapis.com/messaging/v1/email/messages/" + key)
                .status(i % 10 == 1 ? 500 : 202)
                .durationMs(80)
                .requestHeaders(Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"))
                .requestBody("{\"definitionKey\":\"order_confirm\",\"recipient\":{\"contactKey\":\"benchperson" + i
                        + "\",\"to\":\"benchperson" + i + "@example.com\",\"attributes\":{\"FirstName\":\"Benchfirst\","
                        + "\"LastName\":\"Benchlast\",\"OrderNumber\":\"A-" + i + "\",\"Total\":\"12.50\"}}}")
                .responseHeaders(Map.of("Content-Type", "application/json; charset=utf-8"))
                .responseBody(i % 10 == 1 ? "{\"message\":\"An error occurred\",\"errorcode\":0,\"documentation\":\"\"}"
                        : "{\"requestId\":\"239a2bc3-bdcb-4f8a-9e08-28aff9f983b7\",\"errorcode\":0,"
                                + "\"responses\":[{\"messageKey\":\"" + key + "\"}]}")
                .route("send-email")
                .messageKeys(List.of(key))
                .attempt(1)
                .businessUnit("default")
                .build();
    }

    private static RawExchange batchSend(int batch) {
        StringBuilder request = new StringBuilder("{\"definitionKey\":\"order_confirm\",\"recipients\":[");
        StringBuilder response = new StringBuilder("{\"requestId\":\"ccdb94bf-fcac-4fef-b194-08f534a2079a\","
                + "\"errorcode\":0,\"responses\":[");
        List<String> keys = new ArrayList<>();
        for (int r = 0; r < BATCH_SIZE; r++) {
            String key = "b" + batch + "-r" + r;
            keys.add(key);
            if (r > 0) {
                request.append(',');
                response.append(',');
            }
            request.append("{\"contactKey\":\"benchperson").append(batch).append('-').append(r)
                    .append("\",\"to\":\"benchperson").append(batch).append('-').append(r)
                    .append("@example.com\",\"messageKey\":\"").append(key)
                    .append("\",\"attributes\":{\"FirstName\":\"Benchfirst\",\"LastName\":\"Benchlast\","
                            + "\"OrderNumber\":\"A-").append(r).append("\",\"Total\":\"12.50\",\"Tier\":\"gold\"}}");
            response.append("{\"messageKey\":\"").append(key).append("\"}");
        }
        request.append("],\"attributes\":{\"Campaign\":\"Winter sale\"}}");
        response.append("]}");
        return RawExchange.builder()
                .startedAt(Instant.now())
                .method("POST")
                .url("https://mcfakerest.rest.marketingcloudapis.com/messaging/v1/email/messages/")
                .status(202)
                .durationMs(900)
                .requestHeaders(Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"))
                .requestBody(request.toString())
                .responseHeaders(Map.of("Content-Type", "application/json; charset=utf-8"))
                .responseBody(response.toString())
                .route("send-email-batch")
                .messageKeys(keys)
                .attempt(1)
                .businessUnit("default")
                .build();
    }
}
