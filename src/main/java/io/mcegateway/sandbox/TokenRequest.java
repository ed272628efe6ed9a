package io.mcegateway.sandbox;

import java.time.Instant;

/**
 * One call to {@code POST /v2/token} as the ledger saw it. Never holds the secret or the token.
 *
 * @param at        when it arrived
 * @param clientId  the {@code client_id} sent, or null if none could be read
 * @param accountId the {@code account_id} sent, or null
 * @param outcome   {@code issued}, {@code invalid_client}, {@code unsupported_grant_type}, {@code invalid_request},
 *                  or {@code fault:<label>} when an injected fault kept the request from being processed
 * @param expiresIn the {@code expires_in} answered with an issued token, in seconds; 0 when none was issued
 */
public record TokenRequest(Instant at, String clientId, String accountId, String outcome, long expiresIn) {

    public static final String ISSUED = "issued";
    public static final String INVALID_CLIENT = "invalid_client";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    public static final String INVALID_REQUEST = "invalid_request";

    /** A request that issued no token. */
    TokenRequest(Instant at, String clientId, String accountId, String outcome) {
        this(at, clientId, accountId, outcome, 0);
    }

    static String faultOutcome(Fault fault) {
        return "fault:" + fault.label();
    }
}
