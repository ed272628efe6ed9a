package io.mcegateway.token;

/**
 * MCE's auth API refused the client credentials (400/401, e.g. {@code invalid_client}). Retrying cannot help until
 * an operator fixes the configuration, so this is never retried. The message holds only MCE's public error code
 * and description, never the credentials.
 */
public class CredentialsRejectedException extends RuntimeException {

    private final String businessUnit;
    private final int status;
    private final String error;

    public CredentialsRejectedException(String businessUnit, int status, String error, String description) {
        super("MCE rejected the credentials of business unit '" + businessUnit + "': HTTP " + status
                + (error == null ? "" : " " + error) + (description == null ? "" : " (" + description + ")"));
        this.businessUnit = businessUnit;
        this.status = status;
        this.error = error;
    }

    public String businessUnit() {
        return businessUnit;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
