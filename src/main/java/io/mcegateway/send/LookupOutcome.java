package io.mcegateway.send;

import java.util.Locale;

/** What one MCE status lookup said about a message: what the caller of the lookup acts on. */
public enum LookupOutcome {
    /** EmailQueued/SMSQueued (or an event the gateway does not know): ask again later. */
    QUEUED,
    /** EmailSent/SMSSent: final. */
    SENT,
    /** EmailNotSent/SMSNotSent, with MCE's statusCode and statusMessage: final. */
    NOT_SENT,
    /** MCE has no message with this key (404). */
    ABSENT,
    /** The lookup itself failed (MCE's 5xx or 429, a timeout, no token, no budget): nothing was learned. */
    FAILED;

    /** Tag value of the status-check metric. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LookupOutcome of(MessageStatus mapped) {
        return switch (mapped) {
            case SENT -> SENT;
            case NOT_SENT -> NOT_SENT;
            default -> QUEUED;
        };
    }
}
