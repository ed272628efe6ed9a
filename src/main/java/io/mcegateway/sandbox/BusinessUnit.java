package io.mcegateway.sandbox;

import java.util.Objects;

/**
 * The tenant context a token is bound to: the installed package's client id plus the MID asked for
 * in {@code account_id}. MCE scopes messageKeys, statuses and not-sent events to it.
 *
 * @param clientId  the package's client id
 * @param accountId the MID from {@code account_id}, or {@code null} for the package's own business unit
 */
public record BusinessUnit(String clientId, String accountId) {

    public BusinessUnit {
        Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public String toString() {
        return clientId + "/" + (accountId == null ? "default" : accountId);
    }
}
