package io.mcegateway.sandbox;

import java.time.Instant;

/**
 * A messageKey the simulated MCE accepted (queued) in one business unit.
 *
 * @param channel         {@code email} or {@code sms}
 * @param businessUnit    the token's business unit
 * @param messageKey      the key
 * @param definitionKey   the definition of the first acceptance
 * @param firstAcceptedAt when it was first accepted
 * @param acceptances     how many times MCE accepted it; more than 1 means a duplicate send got through
 *                        (possible only after the duplicate-key window); 109110 rejections are not counted
 */
public record AcceptedMessage(String channel, BusinessUnit businessUnit, String messageKey, String definitionKey,
                              Instant firstAcceptedAt, int acceptances) {
}
