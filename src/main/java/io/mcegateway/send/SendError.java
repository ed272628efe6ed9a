package io.mcegateway.send;

/**
 * Why an attempt failed, as stored with the message and shown through the API.
 *
 * @param source  who produced the error: {@code MCE}, {@code INTERMEDIARY}, {@code CLIENT_TIMEOUT}, {@code NETWORK}
 *                or {@code GATEWAY}
 * @param code    MCE's errorcode or the HTTP status, when there is one
 * @param message a human-readable reason (MCE's message where it gave one)
 */
public record SendError(String source, String code, String message) {
}
