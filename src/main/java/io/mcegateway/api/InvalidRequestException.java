package io.mcegateway.api;

/** A gateway API request the gateway refuses before storing or sending anything; becomes a 400 naming the field. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String problem) {
        super(field == null ? problem : field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
