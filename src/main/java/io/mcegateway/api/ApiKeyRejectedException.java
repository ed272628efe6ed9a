package io.mcegateway.api;

/** A gateway API request without a valid gateway API key; becomes a 401 before any route step runs. */
public class ApiKeyRejectedException extends RuntimeException {

    public ApiKeyRejectedException(String message) {
        super(message);
    }
}
