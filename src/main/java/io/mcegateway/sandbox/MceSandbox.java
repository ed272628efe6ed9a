package io.mcegateway.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * An embedded simulator of the Marketing Cloud Engagement REST APIs a gateway uses: the OAuth token endpoint
 * and Transactional Messaging for email and SMS, with a ledger of what reached it and injectable faults.
 * One port on 127.0.0.1 serves everything; {@link #baseUrl()} is both the auth URL and the REST base.
 *
 * <h2>Simulated MCE routes</h2>
 * <ul>
 *   <li>{@code POST /v2/token} (route {@code token}): client credentials, JSON body.</li>
 *   <li>{@code POST /messaging/v1/{email|sms}/messages/{messageKey}} ({@code email-send}, {@code sms-send}).</li>
 *   <li>{@code POST /messaging/v1/{email|sms}/messages[/]} ({@code email-batch}, {@code sms-batch}).</li>
 *   <li>{@code GET /messaging/v1/{email|sms}/messages/{messageKey}} ({@code email-status}, {@code sms-status}).</li>
 *   <li>{@code GET /messaging/v1/{email|sms}/messages[/]?type=notSent&$pageSize=N&lastEventId=K}
 *       ({@code email-notsent}, {@code sms-notsent}).</li>
 * </ul>
 * Any other path is answered 404 and recorded under route {@code unmatched}.
 *
 * <h2>Control API (no authentication; JSON)</h2>
 * <ul>
 *   <li>{@code GET /sandbox/ledger}: everything recorded: {@code tokenRequests}, {@code requests} (route, status,
 *       fault, processed), {@code accepted} messageKeys per channel with acceptance counts,
 *       {@code duplicateRejections} per channel.</li>
 *   <li>{@code GET /sandbox/ledger/summary}: counts only: {@code tokenRequests}, {@code requests} per route,
 *       {@code acceptedMessages} per channel, {@code acceptedMoreThanOnce} (key to count) per channel,
 *       {@code duplicateRejections} per channel.</li>
 *   <li>{@code GET /sandbox/faults}: installed fault plans.</li>
 *   <li>{@code POST /sandbox/faults}: install a plan for a route id or {@code "*"}, replacing its previous one:
 *       {@code {"route":"email-send","sequence":[{"type":"http","status":500},{"type":"none"}]}} or
 *       {@code {"route":"*","rate":0.1,"fault":{"type":"http","status":503},"seed":42}}. Fault types:
 *       {@code http} ({@code status}, optional {@code retryAfterSeconds} for 503), {@code rate-limit}
 *       ({@code retryAfterSeconds}; omit it for the 50200 variant), {@code latency} ({@code millis}),
 *       {@code late-response} ({@code millis}), {@code response-lost}, {@code html-proxy-error},
 *       {@code unauthorized}, {@code connection-reset}, {@code none}.</li>
 *   <li>{@code DELETE /sandbox/faults[?route=ID]}: remove all plans, or one route's.</li>
 *   <li>{@code POST /sandbox/reset}: clear ledger, faults, issued tokens and messages (settings are kept).</li>
 *   <li>{@code GET /sandbox/settings}: current settings (client ids, never secrets).</li>
 *   <li>{@code PATCH /sandbox/settings}: change {@code tokenLifetimeSeconds}, {@code expiresInMarginSeconds},
 *       {@code duplicateKeyWindowSeconds}, {@code statusDelayMillis}, {@code notSentRatio},
 *       {@code maxRecipients}; all or nothing.</li>
 * </ul>
 *
 * <p>Logging goes to {@link System.Logger} {@code io.mcegateway.sandbox.MceSandbox}: one DEBUG line per
 * request; headers and bodies only at TRACE and with Authorization, client_secret and tokens masked.
 */
public final class MceSandbox implements AutoCloseable {

    static {
        JdkHttpServerTuning.apply();
    }

    /** Enough for hundreds of concurrent clients: handlers are short, and delays do not hold a thread. */
    private static final int WORKER_THREADS = 32;
    /** The OS default (50) drops connections when hundreds of clients connect at once. */
    private static final int ACCEPT_BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<SandboxSettings> settings;
    private final SandboxLedger ledger = new SandboxLedger();
    private final FaultInjector faults = new FaultInjector();
    private final TokenStore tokens;
    private final MessageStore messages;
    private final String baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MceSandbox(SandboxSettings initial) throws IOException {
        Clock clock = Clock.systemUTC();
        this.tokens = new TokenStore(clock);
        this.messages = new MessageStore(clock);
        this.server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), initial.port()),
                ACCEPT_BACKLOG);
        int port = server.getAddress().getPort();
        this.settings = new AtomicReference<>(initial.withPort(port));
        this.baseUrl = "http://127.0.0.1:" + port;
        this.workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads("mce-sandbox-http-"));
        this.scheduler = Executors.newScheduledThreadPool(1, daemonThreads("mce-sandbox-delay-"));

        SandboxHttpHandler.Endpoints endpoints = new SandboxHttpHandler.Endpoints(
                new TokenEndpoint(settings::get, tokens, ledger,
                        new ExpiresInPolicy(bound -> ThreadLocalRandom.current().nextInt(bound)), clock, baseUrl),
                new SendEndpoint(settings::get, messages, ledger, clock),
                new StatusEndpoint(messages, clock),
                new NotSentEndpoint(messages));
        ControlApi control = new ControlApi(ledger, faults, new ControlApi.SandboxControl() {
            @Override
            public SandboxSettings settings() {
                return settings.get();
            }

            @Override
            public SandboxSettings updateSettings(UnaryOperator<SandboxSettings> change) {
                return MceSandbox.this.changeSettings(change);
            }

            @Override
            public void reset() {
                MceSandbox.this.reset();
            }
        });
        server.createContext("/", new SandboxHttpHandler(endpoints, tokens, faults, ledger, control, workers,
                scheduler, clock));
        server.setExecutor(workers);
    }

    /** Binds to 127.0.0.1 ({@code settings.port()}, or a free port for 0) and starts serving. */
    public static MceSandbox start(SandboxSettings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            MceSandbox sandbox = new MceSandbox(settings);
            sandbox.server.start();
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the MCE sandbox on port " + settings.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, without trailing slash: the auth URL and the REST base. */
    public String baseUrl() {
        return baseUrl;
    }

    public SandboxLedger ledger() {
        return ledger;
    }

    public FaultInjector faults() {
        return faults;
    }

    public SandboxSettings settings() {
        return settings.get();
    }

    /**
     * Changes settings while running; the port cannot change. New values apply to requests from now on:
     * a token keeps the lifetime it was issued with, a message the status delay and NotSent draw of its
     * acceptance; the duplicate-key window is checked with the current value.
     */
    public void updateSettings(UnaryOperator<SandboxSettings> change) {
        changeSettings(change);
    }

    /** Clears ledger, faults, issued tokens and stored messages. Settings are kept. */
    public void reset() {
        faults.clear();
        tokens.clear();
        messages.clear();
        ledger.clear();
    }

    /** Stops the server at once; pending delayed answers are dropped. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            scheduler.shutdownNow();
            workers.shutdownNow();
        }
    }

    private SandboxSettings changeSettings(UnaryOperator<SandboxSettings> change) {
        Objects.requireNonNull(change, "change");
        return settings.updateAndGet(current ->
                Objects.requireNonNull(change.apply(current), "changed settings").withPort(current.port()));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            // Daemon: a sandbox a test forgot to close must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
