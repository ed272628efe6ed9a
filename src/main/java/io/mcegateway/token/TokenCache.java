package io.mcegateway.token;

import io.mcegateway.config.MceProperties.RetryProperties;
import io.mcegateway.config.MceProperties.TokenProperties;
import io.mcegateway.mce.BackoffPolicy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCE token per business unit, reused for its whole usable life (guidance Point 4).
 * <ul>
 *   <li>Single flight: however many threads need a token at once, one request goes to MCE; the rest wait for it,
 *       for at most {@code mce.token.wait-timeout}.</li>
 *   <li>Refresh ahead: a caller that finds the token in its last {@code refresh-ahead} window still gets it at once
 *       and starts one background refresh, so at steady state no send waits for a token.</li>
 *   <li>Rejected credentials are remembered: callers fail fast, and MCE sees at most one token attempt per
 *       {@code credentials-retry-interval} until the credentials work again.</li>
 *   <li>So is an outage: once a token request has failed through all its retries (5xx, 429, network), callers
 *       fail fast until the next request is due, {@code outage-pause} later, doubling with each failed request up
 *       to {@code max-outage-pause}, and never sooner than the auth API's last Retry-After. Without this, every
 *       caller meeting the outage would start a fresh request with a fresh backoff.</li>
 * </ul>
 */
public final class TokenCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    private final TokenClient client;
    private final TokenProperties settings;
    private final Clock clock;
    private final ExecutorService fetchers;
    private final MeterRegistry meters;
    private final Timer fetchLatency;
    private final BackoffPolicy outageBackoff;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public TokenCache(TokenClient client, TokenProperties settings, Clock clock, ExecutorService fetchers,
            MeterRegistry meters) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.fetchers = fetchers;
        this.meters = meters;
        this.fetchLatency = Timer.builder("mce.token.refresh.latency")
                .description("Time to obtain a new MCE token, retries included")
                .register(meters);
        this.outageBackoff = new BackoffPolicy(new RetryProperties(0, settings.outagePause(), 2.0,
                settings.maxOutagePause(), settings.retry().jitter()));
    }

    /** A usable token for the business unit, fetching one only when there is none. */
    public AccessToken get(BusinessUnit businessUnit) {
        return slot(businessUnit).get();
    }

    /**
     * After MCE answered 401 to a REST call made with {@code rejected}: forget that token, but only if it is still
     * the cached one. A caller holding an older token must not throw away the fresh token another thread fetched.
     */
    public void invalidate(BusinessUnit businessUnit, AccessToken rejected) {
        slot(businessUnit).compareAndInvalidate(rejected);
    }

    /** What health and support output may say about each business unit: never the token itself. */
    public Map<String, TokenState> states() {
        Map<String, TokenState> states = new TreeMap<>();
        slots.forEach((name, slot) -> states.put(name, slot.state()));
        return states;
    }

    /**
     * The token values held now, for one purpose only: the exchange log's masker replaces them wherever they
     * appear. Never log, return or store them anywhere else.
     */
    public List<String> tokenValuesForMasking() {
        List<String> values = new ArrayList<>(slots.size());
        for (Slot slot : slots.values()) {
            AccessToken token = slot.current;
            if (token != null) {
                values.add(token.value());
            }
        }
        return values;
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
    }

    private Slot slot(BusinessUnit businessUnit) {
        return slots.computeIfAbsent(businessUnit.name(), name -> new Slot(businessUnit));
    }

    /**
     * Health-facing view of one business unit's token.
     *
     * @param nextRequestAfter while an outage pause runs, when the next token request may go; else null
     */
    public record TokenState(boolean hasToken, Instant usableUntil, Optional<String> credentialsProblem,
            Optional<String> lastFailure, Instant nextRequestAfter) {
    }

    private record Rejection(Instant at, CredentialsRejectedException cause) {
    }

    /** The auth API failed {@code failedRequests} token requests in a row; none goes before {@code until}. */
    private record Outage(int failedRequests, Instant until, TokenUnavailableException failFast) {
    }

    private final class Slot {

        private final BusinessUnit businessUnit;
        private volatile AccessToken current;
        private volatile Rejection rejection;
        private volatile Outage outage;
        private volatile String lastFailure;
        private CompletableFuture<AccessToken> inFlight; // guarded by this

        Slot(BusinessUnit businessUnit) {
            this.businessUnit = businessUnit;
            Gauge.builder("mce.token.age", this, Slot::ageSeconds)
                    .description("Seconds since the cached MCE token was issued")
                    .baseUnit("seconds")
                    .tag("businessUnit", businessUnit.name())
                    .register(meters);
        }

        AccessToken get() {
            Instant now = clock.instant();
            AccessToken token = current;
            if (token != null && token.isUsableAt(now)) {
                if (token.needsRefreshAt(now, settings.refreshAhead())) {
                    flight();
                }
                return token;
            }
            RuntimeException refusal = refusal(now);
            if (refusal != null) {
                throw refusal;
            }
            return await(flight());
        }

        /** Why no token request may go now (credentials refused, an outage pause), or null when one may. */
        private RuntimeException refusal(Instant now) {
            Rejection rejected = rejection;
            if (rejected != null && now.isBefore(rejected.at().plus(settings.credentialsRetryInterval()))) {
                return rejected.cause();
            }
            Outage down = outage;
            if (down != null && now.isBefore(down.until())) {
                return down.failFast();
            }
            return null;
        }

        /** Joins the flight in progress or starts one; returns a done future when a fresh token is already here. */
        synchronized CompletableFuture<AccessToken> flight() {
            if (inFlight != null) {
                return inFlight;
            }
            Instant now = clock.instant();
            AccessToken token = current;
            if (token != null && !token.needsRefreshAt(now, settings.refreshAhead())) {
                return CompletableFuture.completedFuture(token);
            }
            RuntimeException refusal = refusal(now);
            if (refusal != null) {
                return CompletableFuture.failedFuture(refusal);
            }
            CompletableFuture<AccessToken> flight = CompletableFuture.supplyAsync(this::fetch, fetchers);
            inFlight = flight;
            flight.whenComplete((result, failure) -> landed(flight));
            return flight;
        }

        private synchronized void landed(CompletableFuture<AccessToken> flight) {
            if (inFlight == flight) {
                inFlight = null;
            }
        }

        private AccessToken fetch() {
            Timer.Sample sample = Timer.start(meters);
            try {
                AccessToken token = client.fetch(businessUnit);
                current = token;
                rejection = null;
                outage = null;
                lastFailure = null;
                return token;
            } catch (CredentialsRejectedException e) {
                rejection = new Rejection(clock.instant(), e);
                outage = null;
                lastFailure = e.getMessage();
                LOG.error("{}. Sends to this business unit fail fast; the next token attempt is allowed after {}.",
                        e.getMessage(), settings.credentialsRetryInterval());
                throw e;
            } catch (RuntimeException e) {
                lastFailure = e.getMessage();
                pauseAfter(e);
                throw e;
            } finally {
                sample.stop(fetchLatency);
            }
        }

        /** A token request failed for good (its retries are spent): no next one before the pause is over. */
        private void pauseAfter(RuntimeException failure) {
            Outage previous = outage;
            int failed = previous == null ? 1 : previous.failedRequests() + 1;
            Duration pause = outageBackoff.delayBefore(failed, Optional.empty());
            Optional<Duration> retryAfter = failure instanceof TokenUnavailableException unavailable
                    ? unavailable.retryAfter() : Optional.empty();
            if (retryAfter.isPresent() && retryAfter.get().compareTo(pause) > 0) {
                pause = retryAfter.get();
            }
            Instant until = clock.instant().plus(pause);
            outage = new Outage(failed, until, new TokenUnavailableException(failure.getMessage()
                    + "; no new token request before " + until, failure));
            LOG.warn("{} ({} failed token requests in a row). Sends to this business unit wait; the next token "
                    + "request goes in {} ms{}.", failure.getMessage(), failed, pause.toMillis(),
                    retryAfter.isPresent() ? " (Retry-After " + retryAfter.get().toMillis() + " ms)" : "");
        }

        private AccessToken await(CompletableFuture<AccessToken> flight) {
            try {
                return flight.get(settings.waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new TokenUnavailableException("No MCE token for business unit '" + businessUnit.name()
                        + "' within " + settings.waitTimeout(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenUnavailableException("Interrupted while waiting for an MCE token", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new TokenUnavailableException("Token request failed for business unit '"
                        + businessUnit.name() + "'", e.getCause());
            }
        }

        void compareAndInvalidate(AccessToken rejected) {
            synchronized (this) {
                if (current != null && current.value().equals(rejected.value())) {
                    current = null;
                    LOG.info("MCE answered 401 for the cached token of business unit '{}'; it will be replaced",
                            businessUnit.name());
                }
            }
        }

        TokenState state() {
            AccessToken token = current;
            Rejection rejected = rejection;
            Outage down = outage;
            Instant now = clock.instant();
            return new TokenState(token != null && token.isUsableAt(now),
                    token == null ? null : token.usableUntil(),
                    Optional.ofNullable(rejected).map(r -> r.cause().getMessage()),
                    Optional.ofNullable(lastFailure),
                    down != null && now.isBefore(down.until()) ? down.until() : null);
        }

        private double ageSeconds() {
            AccessToken token = current;
            return token == null ? 0 : Duration.between(token.receivedAt(), clock.instant()).toMillis() / 1000.0;
        }
    }
}
