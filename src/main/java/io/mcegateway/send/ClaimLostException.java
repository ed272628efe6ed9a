package io.mcegateway.send;

import io.mcegateway.mce.CallNotAdmittedException;

/** Every message of a batch was taken over by another claim before the request left: this copy sends nothing. */
public class ClaimLostException extends CallNotAdmittedException {

    public ClaimLostException(int messages) {
        super("Another claim took over all " + messages + " message(s) of the batch before the request left");
    }
}
