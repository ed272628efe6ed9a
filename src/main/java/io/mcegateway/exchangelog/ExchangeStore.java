package io.mcegateway.exchangelog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The recent exchange records, in memory, for support bundles. Bounded three ways, all configurable: a number of
 * records, an age, and an approximate number of bytes.
 * <p>
 * When a bound is hit, successful exchanges go first: a support case needs the failures, and a flood of good
 * sends must not push them out. Besides, the first record of each error signature is kept (pinned) for as long as
 * the age bound allows, so a bundle can show how an error began even after many more of it. Pinned records are
 * outside the count bound but inside the byte bound: at most {@value #PINNED_SIGNATURES} of them, taking at most a
 * quarter of it (beyond either, the oldest pin goes), so that the configured memory bound holds and the pins can
 * never crowd out the latest failures.
 * <p>
 * Thread-safe; queries copy what they return.
 */
public final class ExchangeStore {

    static final int PINNED_SIGNATURES = 100;

    /**
     * @param maxRecords most records held
     * @param maxAge     oldest record held
     * @param maxBytes   approximate memory the records may take ({@link ExchangeRecord#approximateBytes()})
     */
    public record Limits(int maxRecords, Duration maxAge, long maxBytes) {

        public Limits {
            if (maxRecords < 1 || maxAge.isNegative() || maxAge.isZero() || maxBytes < 1) {
                throw new IllegalArgumentException("Exchange store limits must be positive");
            }
        }

        /** 5,000 records, 24 hours, 64 MiB. */
        public static Limits defaults() {
            return new Limits(5_000, Duration.ofHours(24), 64L * 1024 * 1024);
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final ErrorTrend trend;
    private final Deque<ExchangeRecord> failures = new ArrayDeque<>();
    private final Deque<ExchangeRecord> successes = new ArrayDeque<>();
    private final Map<String, ExchangeRecord> firstOfSignature = new LinkedHashMap<>();
    /** Pinned records that left the count and byte bounds' pools; their bytes are still in {@link #bytes}. */
    private final Set<ExchangeRecord> pinnedOnly = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Bytes of all pinned records, in a pool or not. */
    private long pinnedBytes;
    /** Bytes of every record held: in a pool, or pinned only. */
    private long bytes;

    public ExchangeStore(Limits limits, Clock clock, ErrorTrend trend) {
        this.limits = limits;
        this.clock = clock;
        this.trend = trend;
    }

    public synchronized void add(ExchangeRecord record) {
        dropExpired();
        (record.signature() == null ? successes : failures).addLast(record);
        bytes += record.approximateBytes();
        if (record.signature() != null && !firstOfSignature.containsKey(record.signature())) {
            pin(record);
        }
        while (size() > limits.maxRecords() || bytes > limits.maxBytes()) {
            ExchangeRecord evicted = successes.isEmpty() ? failures.pollFirst() : successes.pollFirst();
            if (evicted == null) {
                break;
            }
            leavePool(evicted);
        }
    }

    /** Pins the first record of a signature, dropping the oldest pins to stay within the pins' share. */
    private void pin(ExchangeRecord record) {
        firstOfSignature.put(record.signature(), record);
        pinnedBytes += record.approximateBytes();
        Iterator<ExchangeRecord> oldest = firstOfSignature.values().iterator();
        while (oldest.hasNext()
                && (firstOfSignature.size() > PINNED_SIGNATURES || pinnedBytes > limits.maxBytes() / 4)) {
            ExchangeRecord unpinned = oldest.next();
            oldest.remove();
            unpinned(unpinned);
        }
    }

    private boolean pinned(ExchangeRecord record) {
        return record.signature() != null && firstOfSignature.get(record.signature()) == record;
    }

    /** A record left its pool: its memory is freed unless it stays pinned. */
    private void leavePool(ExchangeRecord record) {
        if (pinned(record)) {
            pinnedOnly.add(record);
        } else {
            bytes -= record.approximateBytes();
        }
    }

    /** A record is no longer pinned: its memory is freed unless it is still in its pool. */
    private void unpinned(ExchangeRecord record) {
        pinnedBytes -= record.approximateBytes();
        if (pinnedOnly.remove(record)) {
            bytes -= record.approximateBytes();
        }
    }

    /** Held failures of this signature, oldest first, the first ever held included. */
    public List<ExchangeRecord> bySignature(String signature) {
        return find(record -> signature.equals(record.signature()));
    }

    /** Held exchanges, failed or not, that carried this (masked) messageKey, oldest first. */
    public List<ExchangeRecord> byMessageKey(String messageKey) {
        return find(record -> record.messageKeys().contains(messageKey));
    }

    /** Representative exchanges and trend figures for one error signature. */
    public SupportBundle supportBundleForSignature(String signature) {
        return SupportBundle.of("signature=" + signature, bySignature(signature), trend::trend, clock.instant(),
                clock.getZone());
    }

    /** Representative exchanges, grouped by error signature, for one (masked) messageKey. */
    public SupportBundle supportBundleForMessageKey(String messageKey) {
        return SupportBundle.of("messageKey=" + messageKey, byMessageKey(messageKey), trend::trend, clock.instant(),
                clock.getZone());
    }

    /** Records held in the count and byte bounds (the pinned first records aside). */
    public synchronized int size() {
        return failures.size() + successes.size();
    }

    /** Approximate memory of every record held, the pinned first records included. */
    public synchronized long approximateBytes() {
        return bytes;
    }

    private synchronized List<ExchangeRecord> find(Predicate<ExchangeRecord> matches) {
        dropExpired();
        Set<ExchangeRecord> found = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ExchangeRecord record : firstOfSignature.values()) {
            if (matches.test(record)) {
                found.add(record);
            }
        }
        for (Deque<ExchangeRecord> pool : List.of(failures, successes)) {
            for (ExchangeRecord record : pool) {
                if (matches.test(record)) {
                    found.add(record);
                }
            }
        }
        List<ExchangeRecord> ordered = new ArrayList<>(found);
        ordered.sort(Comparator.comparing(ExchangeRecord::startedAt));
        return ordered;
    }

    private void dropExpired() {
        Instant cutoff = clock.instant().minus(limits.maxAge());
        for (Deque<ExchangeRecord> pool : List.of(failures, successes)) {
            // Records arrive in about start order; a straggler a few ms out of order waits one more call.
            while (!pool.isEmpty() && pool.peekFirst().startedAt().isBefore(cutoff)) {
                leavePool(pool.pollFirst());
            }
        }
        Iterator<ExchangeRecord> pins = firstOfSignature.values().iterator();
        while (pins.hasNext()) {
            ExchangeRecord pin = pins.next();
            if (pin.startedAt().isBefore(cutoff)) {
                pins.remove();
                unpinned(pin);
            }
        }
    }
}
