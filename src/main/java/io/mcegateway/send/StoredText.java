package io.mcegateway.send;

/**
 * Texts that MCE or an intermediary chooses (request ids, error codes and messages, NotSent reasons) have no length
 * MCE promises. Cut to their column's size before they are stored, so an unexpectedly long one can never fail the
 * update that records a message's outcome (which would leave the message claimed and its outcome unrecorded).
 */
public final class StoredText {

    /** {@code mce_request_id}. */
    public static final int REQUEST_ID = 64;
    /** {@code last_error_code}. */
    public static final int ERROR_CODE = 32;
    /** {@code last_error_message}. */
    public static final int ERROR_MESSAGE = 1000;
    /** {@code mce_status_message}. */
    public static final int STATUS_MESSAGE = 200;

    private StoredText() {
    }

    /** {@code text}, or its first {@code max} characters (never half of a surrogate pair). */
    public static String fit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
