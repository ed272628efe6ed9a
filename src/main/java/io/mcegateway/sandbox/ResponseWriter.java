package io.mcegateway.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Puts a {@link SandboxResponse} on the wire and completes the exchange. */
final class ResponseWriter {

    private ResponseWriter() {
    }

    static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        try (exchange) {
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            byte[] body = response.body();
            // -1: no body; a fixed length otherwise, so that keep-alive connections stay usable.
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
