package io.mcegateway.sandbox;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, per request, whether a route misbehaves. Plans are installed per route id ({@link RouteIds})
 * or for {@link RouteIds#ALL}; installing a plan replaces the previous one for that route.
 *
 * <p>The most specific plan decides: a route's own plan answers while it has something to say (a rate plan
 * always does, a script until it is used up); only then is the wildcard plan asked. Thread-safe.
 */
public final class FaultInjector {

    private final Map<String, FaultPlan> plans = new ConcurrentHashMap<>();

    /** Hands out the given faults one per request, in order, then lets requests through normally. */
    public void script(String routeId, List<Fault> sequence) {
        Objects.requireNonNull(sequence, "sequence");
        if (sequence.isEmpty()) {
            throw new IllegalArgumentException("sequence must not be empty");
        }
        sequence.forEach(fault -> Objects.requireNonNull(fault, "fault"));
        plans.put(checkRoute(routeId), new FaultPlan.Scripted(sequence));
    }

    public void script(String routeId, Fault... sequence) {
        script(routeId, Arrays.asList(sequence));
    }

    /** Applies {@code fault} to each request with the given probability, unseeded. */
    public void rate(String routeId, double probability, Fault fault) {
        plans.put(checkRoute(routeId), new FaultPlan.Rated(probability, Objects.requireNonNull(fault, "fault"), null));
    }

    /** Applies {@code fault} with the given probability; the same seed gives the same pattern for the same requests. */
    public void rate(String routeId, double probability, Fault fault, long seed) {
        plans.put(checkRoute(routeId), new FaultPlan.Rated(probability, Objects.requireNonNull(fault, "fault"), seed));
    }

    public void clear() {
        plans.clear();
    }

    public void clear(String routeId) {
        plans.remove(checkRoute(routeId));
    }

    /** The fault for the next request on {@code routeId}; {@link Fault#none()} when there is none. */
    public Fault next(String routeId) {
        Fault own = ask(routeId);
        if (own != null) {
            return own;
        }
        Fault wildcard = ask(RouteIds.ALL);
        return wildcard != null ? wildcard : Fault.none();
    }

    /** Installed plans by route id, for reports. */
    Map<String, FaultPlan> plans() {
        return new LinkedHashMap<>(plans);
    }

    private Fault ask(String routeId) {
        FaultPlan plan = plans.get(routeId);
        if (plan == null) {
            return null;
        }
        Fault fault = plan.next();
        if (fault == null) {
            // Used up: drop it so reports show only live plans; a concurrent re-install is kept.
            plans.remove(routeId, plan);
        }
        return fault;
    }

    private static String checkRoute(String routeId) {
        Objects.requireNonNull(routeId, "routeId");
        if (!RouteIds.ALL.equals(routeId) && !RouteIds.SIMULATED.contains(routeId)) {
            throw new IllegalArgumentException("Unknown route '" + routeId + "': use one of "
                    + RouteIds.SIMULATED + " or " + RouteIds.ALL);
        }
        return routeId;
    }
}
