package io.mcegateway.sandbox;

import java.time.Instant;

/**
 * One request to a simulated route as the ledger saw it.
 *
 * @param routeId    see {@link RouteIds}
 * @param method     HTTP method
 * @param target     path and query as received
 * @param receivedAt when the request arrived
 * @param status     HTTP status answered (recorded just before it goes on the wire, so a client that has
 *                   gone away may not receive it); 0 when the connection was closed without an answer
 * @param fault      label of the injected fault ({@link Fault#label()}), or null
 * @param processed  whether the simulated MCE handled the request (false when a fault answered in its place)
 */
public record RouteRequest(String routeId, String method, String target, Instant receivedAt,
                           int status, String fault, boolean processed) {
}
