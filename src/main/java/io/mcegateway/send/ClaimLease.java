package io.mcegateway.send;

import java.time.Duration;

/**
 * How long a claim on a message lasts ({@code mce.send.claim-lease}), checked at start-up against the longest single
 * MCE request ({@code mce.http.pool-timeout + connect-timeout + response-timeout}).
 *
 * <p>Every request that sends messages first renews their claims (the fence in {@link SendBatches}), so a claim only
 * has to outlast one request: while a request may still be on its way, no other claim may take its messages over and
 * ask MCE about them, or send them. The waits before a request (batch window, throttle, call slot, a 429 pause, a
 * redelivery delay) may outlast the lease safely: the copy whose claim was taken over is dropped at the fence, and the
 * new claim sends the message, after asking MCE first if it was in flight.
 *
 * @param length         the lease
 * @param longestRequest the longest one MCE request can take once it has passed the fence
 */
public record ClaimLease(Duration length, Duration longestRequest) {

    /** "Comfortably longer": at least twice the longest request, for a slow database write or a GC pause. */
    static final int MARGIN = 2;

    public ClaimLease {
        if (length.compareTo(longestRequest.multipliedBy(MARGIN)) < 0) {
            throw new IllegalArgumentException("mce.send.claim-lease (" + length + ") must be at least " + MARGIN
                    + " times the longest MCE request, mce.http.pool-timeout + connect-timeout + response-timeout ("
                    + longestRequest + "): a claim that runs out while its request is on its way lets another "
                    + "claim send the message again");
        }
    }
}
