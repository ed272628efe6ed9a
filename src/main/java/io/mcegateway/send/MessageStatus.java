package io.mcegateway.send;

/** Where a message stands, from the gateway's acceptance to MCE's final word. */
public enum MessageStatus {
    /** Stored by the gateway, not yet accepted by MCE. */
    ACCEPTED,
    /** MCE accepted the send request (202); delivery not yet known. */
    SUBMITTED,
    /** MCE reports the message queued. */
    QUEUED,
    /** MCE reports the message sent. */
    SENT,
    /** MCE reports it did not send the message (with its statusCode and statusMessage). */
    NOT_SENT,
    /** The gateway gave up: MCE refused the message or retries ran out. Can be replayed. */
    FAILED,
    /** MCE's history no longer knows the message, so its outcome cannot be learned. */
    UNKNOWN;

    public boolean isFinal() {
        return this == SENT || this == NOT_SENT || this == FAILED || this == UNKNOWN;
    }
}
