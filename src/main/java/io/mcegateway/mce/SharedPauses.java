package io.mcegateway.mce;

import java.time.Instant;

/** Rate-limit pauses that every gateway instance sees, so that a 429 met by one instance pauses them all. */
public interface SharedPauses {

    /** The end of the business unit's pause, or null when there is none. */
    Instant pausedUntil(String businessUnit);

    /** Extends the business unit's pause to {@code until} (never shortens it). */
    void pauseUntil(String businessUnit, Instant until);

    /** For a single instance: nothing to share. */
    SharedPauses NONE = new SharedPauses() {
        @Override
        public Instant pausedUntil(String businessUnit) {
            return null;
        }

        @Override
        public void pauseUntil(String businessUnit, Instant until) {
        }
    };
}
