package io.mcegateway.exchangelog;

import io.mcegateway.exchangelog.Classification.Source;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Error counts per signature over sliding windows, to tell the guidance's two kinds of error apart (support
 * section, "Detailed Investigation Requests Regarding HTTP 500 Errors"):
 * <ul>
 *   <li><b>SPORADIC</b> (category 1): a few errors now and then; retries absorb them and an investigation would
 *       end in "reason unknown".</li>
 *   <li><b>PERSISTENT</b> (category 2): the error rate "has clearly risen above normal levels and continues
 *       without self-healing"; worth a support case, with the trend figures this class gives.</li>
 * </ul>
 * Counts live in fixed buckets (default one minute) kept for the short plus the baseline window (default 5 + 55
 * minutes), with the total number of exchanges in each, so rates compare like with like whatever the traffic.
 * A signature is PERSISTENT when, for the short window, it has at least {@code minErrors} errors and a rate of at
 * least the threshold, <em>and</em> each of the last {@code persistBuckets} complete buckets was at or above the
 * threshold on its own. The threshold is {@code max(riseFactor x baseline rate, minRate)}; the baseline is the
 * window before the short one. The per-bucket condition is what keeps a single burst SPORADIC: it fills the short
 * window for five minutes, but only one bucket is elevated.
 * <p>
 * The buckets of a PERSISTENT episode never count towards that signature's baseline. Otherwise an outage would
 * become its own baseline as it slid into the baseline window: at 100% errors, the threshold passes 100% after
 * about 20 minutes and the outage would read SPORADIC while still going on. So an episode stays PERSISTENT for as
 * long as it lasts (however much longer than the baseline window), and a second one soon after is judged against
 * the rate from before the first. Judging also happens when a signature's first error of a bucket is recorded, so
 * the episode is followed whether or not anyone reads the trend meanwhile.
 * <p>
 * A signature never seen before has a baseline of zero, so "something never seen before" (the guidance's other
 * sign) turns PERSISTENT once it passes the count and rate floors.
 * <p>
 * Thread-safe: one short lock per exchange, no allocation on the hot path once a signature is known.
 */
public final class ErrorTrend {

    /**
     * @param bucket         size of one counting bucket
     * @param shortWindow    the recent window rates are judged on (a multiple of {@code bucket})
     * @param baselineWindow the window before it, taken as normal (a multiple of {@code bucket})
     * @param riseFactor     how many times the baseline rate counts as clearly above it
     * @param minErrors      fewest errors in the short window for PERSISTENT
     * @param minRate        lowest error rate (errors / exchanges) for PERSISTENT, whatever the baseline
     * @param persistBuckets consecutive complete elevated buckets needed (fewer than the short window holds)
     * @param maxSignatures  signatures tracked at most; the least recently seen is dropped beyond that
     */
    public record Settings(Duration bucket, Duration shortWindow, Duration baselineWindow, double riseFactor,
            int minErrors, double minRate, int persistBuckets, int maxSignatures) {

        public Settings {
            if (bucket.isNegative() || bucket.isZero() || shortWindow.toMillis() % bucket.toMillis() != 0
                    || baselineWindow.toMillis() % bucket.toMillis() != 0 || shortWindow.compareTo(bucket) < 0) {
                throw new IllegalArgumentException("Trend windows must be whole multiples of the bucket size");
            }
            if (persistBuckets < 1 || persistBuckets >= shortWindow.toMillis() / bucket.toMillis()) {
                throw new IllegalArgumentException("persistBuckets must be at least 1 and fewer than the buckets "
                        + "in the short window");
            }
            if (riseFactor < 1 || minErrors < 1 || minRate < 0 || minRate > 1 || maxSignatures < 1) {
                throw new IllegalArgumentException("Trend thresholds out of range");
            }
        }

        /** One-minute buckets, 5-minute window against the 55 minutes before, 3x and at least 5 errors and 5%. */
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(55), 3.0, 5, 0.05,
                    3, 200);
        }
    }

    /** The guidance's category 1 (sporadic) or 2 (persistent). */
    public enum Trend {
        SPORADIC, PERSISTENT
    }

    /**
     * The figures a support case asks for: "when it began and by how much the frequency has increased".
     *
     * @param count5m        errors in the short window (5 minutes by default)
     * @param count60m       errors in the short and baseline windows together (60 minutes by default)
     * @param rate           errors per exchange in the short window
     * @param baselineRate   errors per exchange in the baseline window, leaving out the minutes of PERSISTENT
     *                       episodes: the normal rate the current one is measured against
     * @param firstSeen      first time this signature was seen since start
     * @param lastSeen       most recent time
     * @param elevatedSince  start of the current PERSISTENT episode, however long ago
     */
    public record SignatureTrend(String signature, Source source, long count5m, long count60m, double rate,
            double baselineRate, String firstSeen, String lastSeen, Trend trend, String elevatedSince) {
    }

    private final Settings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final long bucketMillis;
    private final int shortBuckets;
    private final int retainedBuckets;
    private final Buckets totals;
    private final Map<String, Signature> signatures = new HashMap<>(); // guarded by this

    public ErrorTrend(Settings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.bucketMillis = settings.bucket().toMillis();
        this.shortBuckets = (int) (settings.shortWindow().toMillis() / bucketMillis);
        this.retainedBuckets = shortBuckets + (int) (settings.baselineWindow().toMillis() / bucketMillis);
        this.totals = new Buckets(retainedBuckets + 1);
    }

    /** Counts one exchange: a success when {@code classification} is null, else an error of its signature. */
    public void record(Classification classification) {
        Instant now = clock.instant();
        long bucket = bucketOf(now);
        Signature signature;
        synchronized (this) {
            totals.add(bucket);
            if (classification == null) {
                return;
            }
            signature = signatures.get(classification.signature());
            if (signature != null && signature.seen(bucket, now)) {
                judge(signature, bucket);
            }
        }
        if (signature == null) {
            signature = track(classification, bucket, now);
        }
        signature.counter.increment();
    }

    /** Signatures with errors in the retained windows, by signature. */
    public synchronized Map<String, SignatureTrend> snapshot() {
        long current = bucketOf(clock.instant());
        Map<String, SignatureTrend> snapshot = new TreeMap<>();
        signatures.forEach((name, signature) -> {
            SignatureTrend trend = evaluate(name, signature, current);
            if (trend.count60m() > 0) {
                snapshot.put(name, trend);
            }
        });
        return snapshot;
    }

    /** The trend of one signature, if it has been seen since start. */
    public synchronized Optional<SignatureTrend> trend(String signature) {
        Signature tracked = signatures.get(signature);
        return tracked == null ? Optional.empty()
                : Optional.of(evaluate(signature, tracked, bucketOf(clock.instant())));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Starts tracking a signature. Meters are registered outside the lock: a registry may call the gauge (which
     * takes the lock) while holding its own.
     */
    private Signature track(Classification classification, long bucket, Instant now) {
        String name = classification.signature();
        Counter counter = Counter.builder("mce.errors")
                .description("Failed MCE exchanges by error signature (status/errorcode/source) and source")
                .tag("signature", name)
                .tag("source", classification.source().name())
                .register(meters);
        Gauge gauge = Gauge.builder("mce.errors.persistent", this, trend -> trend.persistent(name))
                .description("1 while the error signature is persistent (guidance category 2), else 0")
                .tag("signature", name)
                .register(meters);
        Signature signature;
        Signature evicted = null;
        synchronized (this) {
            signature = signatures.get(name);
            if (signature == null) {
                if (signatures.size() >= settings.maxSignatures()) {
                    String oldest = signatures.entrySet().stream()
                            .min(Comparator.comparing(entry -> entry.getValue().lastSeen))
                            .map(Map.Entry::getKey)
                            .orElseThrow();
                    evicted = signatures.remove(oldest);
                }
                signature = new Signature(classification.source(), now, counter, gauge, retainedBuckets + 1);
                signatures.put(name, signature);
            }
            signature.seen(bucket, now);
        }
        if (evicted != null) {
            meters.remove(evicted.gauge);
            meters.remove(evicted.counter);
        }
        return signature;
    }

    private synchronized double persistent(String name) {
        Signature signature = signatures.get(name);
        return signature != null && evaluate(name, signature, bucketOf(clock.instant())).trend() == Trend.PERSISTENT
                ? 1 : 0;
    }

    private SignatureTrend evaluate(String name, Signature signature, long current) {
        boolean persistent = judge(signature, current);
        long shortFrom = current - shortBuckets + 1;
        long shortErrors = signature.counts.sum(shortFrom, current);
        long baselineErrors = signature.counts.sum(current - retainedBuckets + 1, shortFrom - 1);
        Instant elevatedSince = persistent ? Instant.ofEpochMilli(signature.episodeStart * bucketMillis) : null;
        return new SignatureTrend(name, signature.source, shortErrors, shortErrors + baselineErrors,
                ratio(shortErrors, totals.sum(shortFrom, current)), baselineRate(signature, current),
                Timestamps.format(signature.firstSeen, clock.getZone()),
                Timestamps.format(signature.lastSeen, clock.getZone()),
                persistent ? Trend.PERSISTENT : Trend.SPORADIC, Timestamps.format(elevatedSince, clock.getZone()));
    }

    /**
     * Whether the signature is PERSISTENT at bucket {@code current}, keeping its episode up to date: while it is,
     * the episode's buckets are marked so that they stay out of its baseline; once it is not, the episode ends.
     */
    private boolean judge(Signature signature, long current) {
        long shortFrom = current - shortBuckets + 1;
        long shortErrors = signature.counts.sum(shortFrom, current);
        double rate = ratio(shortErrors, totals.sum(shortFrom, current));
        double threshold = Math.max(settings.riseFactor() * baselineRate(signature, current), settings.minRate());
        int run = 0;
        while (run < retainedBuckets - 1 && elevated(signature, current - run - 1, threshold)) {
            run++;
        }
        if (shortErrors < settings.minErrors() || rate < threshold || run < settings.persistBuckets()) {
            signature.episodeStart = NO_EPISODE;
            return false;
        }
        // A run as long as the buckets held goes back further than they show: the episode knows where it began.
        boolean seenWhole = run < retainedBuckets - 1;
        if (signature.episodeStart == NO_EPISODE || seenWhole) {
            signature.episodeStart = current - run;
        }
        signature.counts.markEpisode(current - run, current);
        return true;
    }

    /** Errors per exchange in the baseline window, without the buckets of PERSISTENT episodes. */
    private double baselineRate(Signature signature, long current) {
        long errors = 0;
        long exchanges = 0;
        for (long bucket = current - retainedBuckets + 1; bucket <= current - shortBuckets; bucket++) {
            if (!signature.counts.inEpisode(bucket)) {
                errors += signature.counts.get(bucket);
                exchanges += totals.get(bucket);
            }
        }
        return ratio(errors, exchanges);
    }

    private boolean elevated(Signature signature, long bucket, double threshold) {
        long errors = signature.counts.get(bucket);
        long total = totals.get(bucket);
        return errors > 0 && ratio(errors, total) >= threshold;
    }

    private long bucketOf(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), bucketMillis);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static final long NO_EPISODE = Long.MIN_VALUE;

    private static final class Signature {
        final Source source;
        final Instant firstSeen;
        final Counter counter;
        final Gauge gauge;
        final Buckets counts;
        Instant lastSeen;
        /** First bucket of the current PERSISTENT episode, or {@link #NO_EPISODE}. */
        long episodeStart = NO_EPISODE;

        Signature(Source source, Instant firstSeen, Counter counter, Gauge gauge, int slots) {
            this.source = source;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
            this.counter = counter;
            this.gauge = gauge;
            this.counts = new Buckets(slots);
        }

        /** Counts one error; true when it is the first of its bucket. */
        boolean seen(long bucket, Instant at) {
            lastSeen = at;
            return counts.add(bucket);
        }
    }

    /**
     * A ring of counters indexed by bucket number, each with a mark for "part of a PERSISTENT episode"; a slot left
     * over from an older lap reads as zero and unmarked.
     */
    private static final class Buckets {
        private final long[] counts;
        private final long[] owners;
        private final boolean[] episode;

        Buckets(int slots) {
            counts = new long[slots];
            owners = new long[slots];
            episode = new boolean[slots];
            Arrays.fill(owners, Long.MIN_VALUE);
        }

        /** Counts one; true when it is the bucket's first. */
        boolean add(long bucket) {
            int slot = slot(bucket);
            boolean first = owners[slot] != bucket;
            if (first) {
                owners[slot] = bucket;
                counts[slot] = 0;
                episode[slot] = false;
            }
            counts[slot]++;
            return first;
        }

        /** Marks the buckets from {@code from} to {@code to} that have counts as part of an episode. */
        void markEpisode(long from, long to) {
            for (long bucket = Math.max(from, to - counts.length + 1); bucket <= to; bucket++) {
                int slot = slot(bucket);
                if (owners[slot] == bucket) {
                    episode[slot] = true;
                }
            }
        }

        boolean inEpisode(long bucket) {
            int slot = slot(bucket);
            return owners[slot] == bucket && episode[slot];
        }

        long get(long bucket) {
            int slot = slot(bucket);
            return owners[slot] == bucket ? counts[slot] : 0;
        }

        long sum(long from, long to) {
            long sum = 0;
            for (long bucket = from; bucket <= to; bucket++) {
                sum += get(bucket);
            }
            return sum;
        }

        private int slot(long bucket) {
            return (int) Math.floorMod(bucket, (long) counts.length);
        }
    }
}
