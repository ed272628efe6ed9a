package io.mcegateway.mce;

import org.apache.camel.Exchange;

/**
 * A last check a calling route can ask for, passed by {@link MceRestCall} once the business unit's call slot is held
 * and just before the request leaves: the only point where "requests per period" can be counted exactly, because
 * waiting for the slot (behind a send, or a 429 pause) would otherwise bunch up calls that were levelled before it.
 * Set it in the exchange property {@value MceRestCall#ADMISSION}. The send flow's admission is its claim fence
 * ({@code SendBatches}), which may narrow the request body to the messages it still holds.
 */
@FunctionalInterface
public interface CallAdmission {

    /**
     * Returns when the call may leave; may wait, and may narrow the request body. A failure fails the call before
     * anything is sent ({@link CallNotAdmittedException} when the admission refuses the call on purpose).
     */
    void admit(Exchange exchange) throws InterruptedException;
}
