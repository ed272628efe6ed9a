package io.mcegateway.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** How faults are handed out for one route: a script consumed in order, or a probability per request. */
interface FaultPlan {

    /** The fault for the next request; {@code null} when the plan has nothing to say (script used up). */
    Fault next();

    /** A script never replays: once used up, requests are normal again (or fall to the wildcard plan). */
    final class Scripted implements FaultPlan {
        private final Deque<Fault> remaining;
        private final int length;

        Scripted(List<Fault> sequence) {
            this.remaining = new ArrayDeque<>(sequence);
            this.length = sequence.size();
        }

        @Override
        public synchronized Fault next() {
            return remaining.pollFirst();
        }

        synchronized List<Fault> remaining() {
            return List.copyOf(remaining);
        }

        int length() {
            return length;
        }
    }

    /** Draws from its own {@link Random} so that a seed reproduces the same hit pattern for the same request order. */
    final class Rated implements FaultPlan {
        private final double probability;
        private final Fault fault;
        private final Long seed;
        private final Random random;

        Rated(double probability, Fault fault, Long seed) {
            if (!(probability >= 0.0 && probability <= 1.0)) {
                throw new IllegalArgumentException("rate must be between 0 and 1, was " + probability);
            }
            this.probability = probability;
            this.fault = fault;
            this.seed = seed;
            this.random = seed == null ? new Random() : new Random(seed);
        }

        @Override
        public synchronized Fault next() {
            return random.nextDouble() < probability ? fault : Fault.none();
        }

        double probability() {
            return probability;
        }

        Fault fault() {
            return fault;
        }

        Long seed() {
            return seed;
        }
    }
}
