package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Faults and fault plans as the control API reads and shows them. */
final class FaultJson {

    private FaultJson() {
    }

    /**
     * Installs the plan described by a {@code POST /sandbox/faults} body: {@code {"route", "sequence":[…]}} or
     * {@code {"route", "rate", "fault":{…}, "seed"?}}.
     *
     * @throws IllegalArgumentException with a message fit for the caller when the body is wrong
     */
    static void install(ObjectNode request, FaultInjector faults) {
        String route = Json.text(request, "route");
        if (route == null) {
            throw new IllegalArgumentException("route is required: a route id or \"*\"");
        }
        JsonNode sequence = request.get("sequence");
        JsonNode rate = request.get("rate");
        if ((sequence == null) == (rate == null)) {
            throw new IllegalArgumentException("give either sequence or rate (with fault)");
        }
        if (sequence != null) {
            if (!sequence.isArray() || sequence.isEmpty()) {
                throw new IllegalArgumentException("sequence must be a non-empty array of faults");
            }
            List<Fault> script = new ArrayList<>();
            for (JsonNode item : sequence) {
                script.add(parse(item));
            }
            faults.script(route, script);
            return;
        }
        if (!rate.isNumber()) {
            throw new IllegalArgumentException("rate must be a number between 0 and 1");
        }
        JsonNode fault = request.get("fault");
        if (fault == null) {
            throw new IllegalArgumentException("fault is required with rate");
        }
        JsonNode seed = request.get("seed");
        if (seed == null || seed.isNull()) {
            faults.rate(route, rate.doubleValue(), parse(fault));
        } else if (seed.isIntegralNumber()) {
            faults.rate(route, rate.doubleValue(), parse(fault), seed.longValue());
        } else {
            throw new IllegalArgumentException("seed must be an integer");
        }
    }

    /** One fault: {@code {"type":"http","status":500}}, {@code {"type":"latency","millis":200}}, … */
    static Fault parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a fault must be an object with a type");
        }
        String type = Json.text(node, "type");
        if (type == null) {
            throw new IllegalArgumentException("fault type is required");
        }
        return switch (Fault.Kind.fromWireName(type)) {
            case HTTP -> node.has("retryAfterSeconds")
                    ? Fault.httpError(requiredInt(node, "status"), requiredInt(node, "retryAfterSeconds"))
                    : Fault.httpError(requiredInt(node, "status"));
            case RATE_LIMIT -> node.has("retryAfterSeconds")
                    ? Fault.rateLimited(requiredInt(node, "retryAfterSeconds"))
                    : Fault.temporarilyBlocked();
            case LATENCY -> Fault.latency(Duration.ofMillis(requiredInt(node, "millis")));
            case LATE_RESPONSE -> Fault.lateResponse(Duration.ofMillis(requiredInt(node, "millis")));
            case RESPONSE_LOST -> Fault.responseLost();
            case HTML_PROXY_ERROR -> Fault.htmlProxyError();
            case UNAUTHORIZED -> Fault.unauthorized();
            case CONNECTION_RESET -> Fault.connectionReset();
            case NONE -> Fault.none();
        };
    }

    static ObjectNode toJson(Fault fault) {
        ObjectNode node = Json.object();
        node.put("type", fault.kind().wireName());
        if (fault.kind() == Fault.Kind.HTTP) {
            node.put("status", fault.status());
        }
        if (fault.retryAfterSeconds() != null) {
            node.put("retryAfterSeconds", fault.retryAfterSeconds());
        }
        if (fault.kind() == Fault.Kind.LATENCY || fault.kind() == Fault.Kind.LATE_RESPONSE) {
            node.put("millis", fault.delay().toMillis());
        }
        return node;
    }

    /** The installed plans; a script shows what is left of it. */
    static ObjectNode plans(Map<String, FaultPlan> plans) {
        ObjectNode body = Json.object();
        plans.forEach((route, plan) -> {
            ObjectNode node = body.putObject(route);
            if (plan instanceof FaultPlan.Scripted scripted) {
                ArrayNode remaining = node.putArray("remaining");
                scripted.remaining().forEach(fault -> remaining.add(toJson(fault)));
            } else if (plan instanceof FaultPlan.Rated rated) {
                node.put("rate", rated.probability());
                node.set("fault", toJson(rated.fault()));
                if (rated.seed() != null) {
                    node.put("seed", rated.seed());
                }
            }
        });
        return body;
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be an integer for fault type " + Json.text(node, "type"));
        }
        return value.intValue();
    }
}
