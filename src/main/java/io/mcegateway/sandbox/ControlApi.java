package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code /sandbox/...} control API: JSON over HTTP on the sandbox port, without authentication (the
 * sandbox binds to 127.0.0.1 only). Routes are listed on {@link MceSandbox}. Errors answer
 * {@code {"error":"…"}} with 400 (bad body), 404 (unknown path) or 405 (wrong method).
 */
final class ControlApi {

    static final String PREFIX = "/sandbox";

    /** What the control API may do to the running sandbox. */
    interface SandboxControl {
        SandboxSettings settings();

        SandboxSettings updateSettings(UnaryOperator<SandboxSettings> change);

        void reset();
    }

    private final SandboxLedger ledger;
    private final FaultInjector faults;
    private final SandboxControl sandbox;

    ControlApi(SandboxLedger ledger, FaultInjector faults, SandboxControl sandbox) {
        this.ledger = ledger;
        this.faults = faults;
        this.sandbox = sandbox;
    }

    static boolean owns(String rawPath) {
        return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
    }

    void handle(HttpExchange exchange) throws IOException {
        SandboxResponse response;
        try {
            response = route(exchange);
        } catch (IllegalArgumentException e) {
            response = error(400, e.getMessage());
        }
        ResponseWriter.write(exchange, response);
    }

    private SandboxResponse route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
        switch (path) {
            case PREFIX + "/ledger":
                return method.equals("GET") ? ok(LedgerJson.full(ledger)) : notAllowed("GET");
            case PREFIX + "/ledger/summary":
                return method.equals("GET") ? ok(LedgerJson.summary(ledger)) : notAllowed("GET");
            case PREFIX + "/faults":
                switch (method) {
                    case "GET":
                        return ok(FaultJson.plans(faults.plans()));
                    case "POST":
                        FaultJson.install(body(exchange), faults);
                        return ok(FaultJson.plans(faults.plans()));
                    case "DELETE":
                        Optional<String> route = query.get("route");
                        if (route.isPresent()) {
                            faults.clear(route.get());
                        } else {
                            faults.clear();
                        }
                        return ok(FaultJson.plans(faults.plans()));
                    default:
                        return notAllowed("GET, POST, DELETE");
                }
            case PREFIX + "/reset":
                if (!method.equals("POST")) {
                    return notAllowed("POST");
                }
                sandbox.reset();
                ObjectNode done = Json.object();
                done.put("reset", true);
                return ok(done);
            case PREFIX + "/settings":
                switch (method) {
                    case "GET":
                        return ok(SettingsJson.toJson(sandbox.settings()));
                    case "PATCH":
                        ObjectNode patch = body(exchange);
                        // Validate against the current settings first, so that a bad field changes nothing.
                        SettingsJson.patch(sandbox.settings(), patch);
                        return ok(SettingsJson.toJson(sandbox.updateSettings(s -> SettingsJson.patch(s, patch))));
                    default:
                        return notAllowed("GET, PATCH");
                }
            default:
                return error(404, "No control route " + method + " " + path + ": see the MceSandbox javadoc");
        }
    }

    private static ObjectNode body(HttpExchange exchange) throws IOException {
        return Json.parseObject(exchange.getRequestBody().readAllBytes())
                .orElseThrow(() -> new IllegalArgumentException("The body must be a JSON object"));
    }

    private static SandboxResponse ok(ObjectNode body) {
        return SandboxResponse.json(200, body);
    }

    private static SandboxResponse notAllowed(String allowed) {
        ObjectNode body = Json.object();
        body.put("error", "Method not allowed; use " + allowed);
        return SandboxResponse.json(405, body, Map.of("Allow", allowed));
    }

    private static SandboxResponse error(int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        return SandboxResponse.json(status, body);
    }
}
