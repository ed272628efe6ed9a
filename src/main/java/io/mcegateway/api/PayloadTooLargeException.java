package io.mcegateway.api;

/** A gateway API request body over {@code mce.send.max-body-size}; becomes a 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long maxBodyBytes) {
        super("The request body is larger than " + maxBodyBytes + " bytes (mce.send.max-body-size); send fewer "
                + "recipients per batch");
    }
}
