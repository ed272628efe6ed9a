package io.mcegateway.api;

/** A gateway API request whose body is not declared as JSON; becomes a 415 before the body is read. */
public class UnsupportedMediaTypeException extends RuntimeException {

    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
