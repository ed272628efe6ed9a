package io.mcegateway.exchangelog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every HTTP exchange with MCE (guidance Point 3): classifies it if it failed, masks it, writes it as one
 * JSON line to the {@value #LOGGER_NAME} logger, and feeds the store and the error trend.
 * <p>
 * The exchange log has a logger of its own so that operators can route it to its own appender or file, apart from
 * the application log, and so that turning application logging to DEBUG never changes what it holds. Only masked
 * records reach it.
 * <p>
 * Never throws: recording is a side effect of a send and must not fail one. Failures are counted in
 * {@code mce.exchange.log.failures} and reported on the application log by exception type only, since a message
 * could carry data.
 */
public final class ExchangeLog {

    /** The logger the JSON lines go to, at INFO. */
    public static final String LOGGER_NAME = "mce.exchange";

    private static final Logger EXCHANGES = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeLog.class);

    private final Masker masker;
    private final ErrorClassifier classifier;
    private final ErrorTrend trend;
    private final ExchangeStore store;
    private final Clock clock;
    private final Consumer<String> lines;
    private final boolean linesEnabledCheck;
    private final Counter failures;
    private final ObjectMapper json = JsonMapper.builder().build();

    public ExchangeLog(Masker masker, ErrorClassifier classifier, ErrorTrend trend, ExchangeStore store,
            MeterRegistry meters, Clock clock) {
        this(masker, classifier, trend, store, meters, clock, EXCHANGES::info, true);
    }

    /** For tests: lines go to {@code lines} instead of the logger. */
    ExchangeLog(Masker masker, ErrorClassifier classifier, ErrorTrend trend, ExchangeStore store,
            MeterRegistry meters, Clock clock, Consumer<String> lines) {
        this(masker, classifier, trend, store, meters, clock, lines, false);
    }

    private ExchangeLog(Masker masker, ErrorClassifier classifier, ErrorTrend trend, ExchangeStore store,
            MeterRegistry meters, Clock clock, Consumer<String> lines, boolean linesEnabledCheck) {
        this.masker = masker;
        this.classifier = classifier;
        this.trend = trend;
        this.store = store;
        this.clock = clock;
        this.lines = lines;
        this.linesEnabledCheck = linesEnabledCheck;
        this.failures = Counter.builder("mce.exchange.log.failures")
                .description("Exchanges that could not be recorded in the exchange log")
                .register(meters);
    }

    /** Records one exchange. Returns the masked record, or empty if recording failed (and was counted). */
    public Optional<ExchangeRecord> record(RawExchange raw) {
        try {
            Classification classification = raw.failed()
                    ? classifier.classify(raw.status(), raw.responseHeaders(), raw.responseBody(), raw.failure())
                    : null;
            ExchangeRecord record = ExchangeRecord.masked(masker, raw, classification, clock.getZone());
            trend.record(classification);
            store.add(record);
            // Serialising costs more than masking a small body; skip it when nobody reads the lines.
            if (!linesEnabledCheck || EXCHANGES.isInfoEnabled()) {
                lines.accept(json.writeValueAsString(record));
            }
            return Optional.of(record);
        } catch (Exception | LinkageError | StackOverflowError e) {
            failures.increment();
            LOG.warn("An MCE exchange could not be recorded in the exchange log ({})", e.getClass().getName());
            return Optional.empty();
        }
    }

    /** The support bundle for an error signature such as {@code 500/0/MCE}. */
    public SupportBundle supportBundleForSignature(String signature) {
        return store.supportBundleForSignature(signature);
    }

    /** The support bundle for a messageKey, masked as records mask it so that the lookup matches. */
    public SupportBundle supportBundleForMessageKey(String messageKey) {
        return store.supportBundleForMessageKey(masker.maskIdentifier(messageKey));
    }

    public ErrorTrend trend() {
        return trend;
    }

    public ExchangeStore store() {
        return store;
    }
}
