package io.mcegateway.token;

/**
 * MCE's auth API refused the token request with a status retrying cannot change (any 4xx but 429): most often
 * rejected credentials (401 {@code invalid_client}), but also a refused scope or MID, or a 404 from a wrong
 * {@code mce.auth-url}. Retrying cannot help until an operator fixes the configuration, so this is never retried.
 * The message says which it was, truthfully: the status and MCE's public error code and text, never the
 * credentials.
 */
public class CredentialsRejectedException extends RuntimeException {

    private final String businessUnit;
    private final int status;
    private final String error;

    /**
     * @param error       MCE's OAuth {@code error} ({@code invalid_client}, ...), or null when the answer had none
     * @param description MCE's {@code error_description}, or the {@code message} of a REST-style error body, or null
     */
    public CredentialsRejectedException(String businessUnit, int status, String error, String description) {
        super(describe(businessUnit, status, error, description));
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

    private static String describe(String businessUnit, int status, String error, String description) {
        String detail = description == null ? "" : " (" + description + ")";
        if ("invalid_client".equals(error)) {
            return "MCE rejected the credentials of business unit '" + businessUnit + "': HTTP " + status + " "
                    + error + detail;
        }
        if (error != null) {
            return "MCE refused the token request of business unit '" + businessUnit + "': HTTP " + status + " "
                    + error + detail;
        }
        // No OAuth error: whatever answered did not judge the credentials (a wrong URL, a proxy).
        return "The token request of business unit '" + businessUnit + "' was refused: HTTP " + status
                + (description == null ? " without an MCE error body" : detail)
                + (status == 404 ? "; is mce.auth-url the tenant's auth base URL?" : "");
    }
}
