package io.mcegateway.send;

/** Only a FAILED message can be replayed; anything else is on its way or done. Becomes a 409. */
public class ReplayNotAllowedException extends RuntimeException {

    public ReplayNotAllowedException(String messageKey, MessageStatus status) {
        super("Message '" + messageKey + "' is " + status + "; only a FAILED message can be replayed");
    }
}
