package io.mcegateway.sandbox;

/** A send request rejected as a whole (HTTP 400): nothing in it is queued. */
final class SendRejectedException extends Exception {

    private final TmError error;
    private final String detail;

    SendRejectedException(TmError error, String detail) {
        super(error.message(detail), null, false, false);
        this.error = error;
        this.detail = detail;
    }

    SandboxResponse toResponse() {
        return MceErrors.badRequest(error, detail);
    }
}
