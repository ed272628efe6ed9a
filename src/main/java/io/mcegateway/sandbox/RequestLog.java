package io.mcegateway.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * One DEBUG line per request, and at TRACE the headers and body with credentials masked
 * ({@link SecretMasking}): the sandbox is used to debug clients, and its logs must be safe to share.
 */
final class RequestLog {

    private static final System.Logger LOG = System.getLogger(MceSandbox.class.getName());

    private RequestLog() {
    }

    static void received(HttpExchange exchange, byte[] body) {
        if (LOG.isLoggable(Level.TRACE)) {
            LOG.log(Level.TRACE, "{0} {1} headers={2} body={3}",
                    exchange.getRequestMethod(), exchange.getRequestURI(),
                    SecretMasking.headers(exchange.getRequestHeaders()),
                    SecretMasking.body(new String(body, StandardCharsets.UTF_8)));
        }
    }

    static void completed(RouteRequest request) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0} {1} -> {2} [{3}{4}{5}]",
                    request.method(), request.target(), request.status() == 0 ? "no response" : request.status(),
                    request.routeId(),
                    request.fault() == null ? "" : ", fault " + request.fault(),
                    request.processed() ? "" : ", not processed");
        }
    }

    /** Expected with timeouts and late responses, hence DEBUG. */
    static void clientGone(String routeId, Exception error) {
        LOG.log(Level.DEBUG, "Could not answer {0}, the client has gone: {1}", routeId, error.toString());
    }

    static void failed(String what, Throwable error) {
        // Only the exception type and message: request data never goes into this line.
        LOG.log(Level.WARNING, what + ": " + error);
    }
}
