package io.mcegateway.token;

/** No token could be had in time: the auth API kept failing (5xx, 429, network) or the bounded wait ran out. */
public class TokenUnavailableException extends RuntimeException {

    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
