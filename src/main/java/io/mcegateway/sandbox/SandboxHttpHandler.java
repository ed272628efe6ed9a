package io.mcegateway.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Front door of every request: routes it, applies the injected fault, runs the endpoint, answers and records
 * the request in the ledger. Delays are scheduled, not slept, so that slow answers do not hold worker threads
 * (the JDK server lets another thread complete an exchange after {@link #handle} returns).
 */
final class SandboxHttpHandler implements HttpHandler {

    record Endpoints(TokenEndpoint token, SendEndpoint send, StatusEndpoint status, NotSentEndpoint notSent) {
    }

    private final Endpoints endpoints;
    private final TokenStore tokens;
    private final FaultInjector faults;
    private final SandboxLedger ledger;
    private final ControlApi control;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    SandboxHttpHandler(Endpoints endpoints, TokenStore tokens, FaultInjector faults, SandboxLedger ledger,
                       ControlApi control, Executor workers, ScheduledExecutorService scheduler, Clock clock) {
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.faults = faults;
        this.ledger = ledger;
        this.control = control;
        this.workers = workers;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String rawPath = exchange.getRequestURI().getRawPath();
            if (ControlApi.owns(rawPath)) {
                control.handle(exchange);
                return;
            }
            Instant receivedAt = clock.instant();
            Optional<RequestRouter.RouteMatch> match = RequestRouter.match(exchange.getRequestMethod(), rawPath);
            if (match.isEmpty()) {
                new Call(exchange, RouteIds.UNMATCHED, null, Fault.none(), receivedAt)
                        .answer(MceErrors.generic(404, "Resource not found", 0, ""), false);
                return;
            }
            String routeId = match.get().routeId();
            new Call(exchange, routeId, match.get(), faults.next(routeId), receivedAt).run();
        } catch (RuntimeException | IOException e) {
            RequestLog.failed("Request failed", e);
            exchange.close();
        }
    }

    /** One request on its way through the sandbox. */
    private final class Call {
        private final HttpExchange exchange;
        private final String routeId;
        private final RequestRouter.RouteMatch route;
        private final Fault fault;
        private final Instant receivedAt;

        Call(HttpExchange exchange, String routeId, RequestRouter.RouteMatch route, Fault fault, Instant receivedAt) {
            this.exchange = exchange;
            this.routeId = routeId;
            this.route = route;
            this.fault = fault;
            this.receivedAt = receivedAt;
        }

        void run() {
            switch (fault.kind()) {
                case NONE -> answer(process(), true);
                case HTTP, RATE_LIMIT, HTML_PROXY_ERROR, UNAUTHORIZED -> {
                    recordUnprocessedToken(readBody());
                    answer(FaultResponses.of(fault, routeId), false);
                }
                case CONNECTION_RESET -> {
                    recordUnprocessedToken(new byte[0]);
                    reset();
                }
                case LATENCY -> later(() -> answer(process(), true));
                case LATE_RESPONSE -> {
                    SandboxResponse response = process();
                    later(() -> answer(response, true));
                }
                case RESPONSE_LOST -> {
                    process();
                    drop(true);
                }
            }
        }

        private SandboxResponse process() {
            byte[] body = readBody();
            RequestLog.received(exchange, body);
            try {
                return endpoint(body);
            } catch (RuntimeException e) {
                RequestLog.failed("Endpoint " + routeId + " failed", e);
                return MceErrors.generic(500, "Internal Server Error", 0, MceErrors.ERROR_HANDLING_DOC);
            }
        }

        private SandboxResponse endpoint(byte[] body) {
            if (route.operation() == RequestRouter.Operation.TOKEN) {
                return endpoints.token().handle(body);
            }
            Optional<BusinessUnit> businessUnit = tokens.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (businessUnit.isEmpty()) {
                return MceErrors.notAuthorized();
            }
            BusinessUnit bu = businessUnit.get();
            return switch (route.operation()) {
                case SEND -> endpoints.send().single(route.channel(), bu, route.messageKey(), body);
                case BATCH -> endpoints.send().batch(route.channel(), bu, body);
                case STATUS -> endpoints.status().handle(route.channel(), bu, route.messageKey());
                case NOT_SENT -> endpoints.notSent().handle(route.channel(), bu,
                        QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
                case TOKEN -> throw new IllegalStateException("handled above");
            };
        }

        // The ledger is written before the client can see the outcome, so that a test reading it right
        // after its call returns (or fails) always finds the request.
        void answer(SandboxResponse response, boolean processed) {
            record(response.status(), processed);
            try {
                ResponseWriter.write(exchange, response);
            } catch (IOException e) {
                // The client went away (e.g. timed out before a late response); the ledger still shows the answer.
                RequestLog.clientGone(routeId, e);
            }
        }

        private void drop(boolean processed) {
            record(0, processed);
            // Closing before sendResponseHeaders makes the JDK server close the connection: no answer at all.
            exchange.close();
        }

        private void reset() {
            record(0, false);
            // A reset (RST), not a close: the JDK server reads the whole request first, so closing with unread
            // input (which would make the kernel reset) cannot happen here; exchange.close() alone sends FIN.
            ConnectionReset.abort(exchange);
        }

        private void later(Runnable action) {
            try {
                scheduler.schedule(() -> workers.execute(action), fault.delay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                exchange.close();
            }
        }

        private byte[] readBody() {
            try {
                return exchange.getRequestBody().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }

        private void recordUnprocessedToken(byte[] body) {
            if (RouteIds.TOKEN.equals(routeId)) {
                ledger.recordTokenRequest(
                        TokenEndpoint.describeUnprocessed(body, TokenRequest.faultOutcome(fault), clock));
            }
        }

        private void record(int status, boolean processed) {
            RouteRequest request = new RouteRequest(routeId, exchange.getRequestMethod(), target(), receivedAt, status,
                    fault.kind() == Fault.Kind.NONE ? null : fault.label(), processed);
            ledger.recordRequest(request);
            RequestLog.completed(request);
        }

        private String target() {
            String query = exchange.getRequestURI().getRawQuery();
            return exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        }
    }
}
