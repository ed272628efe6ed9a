package io.mcegateway.mce;

/**
 * A {@link CallAdmission} refused the call: nothing was sent. Not a failure of MCE, so {@link MceRestCall} hands it
 * to the calling route as it is, untyped by the MCE failure classifier.
 */
public class CallNotAdmittedException extends RuntimeException {

    public CallNotAdmittedException(String message) {
        super(message);
    }
}
