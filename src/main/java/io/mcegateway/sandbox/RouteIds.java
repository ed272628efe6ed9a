package io.mcegateway.sandbox;

import java.util.List;

/** Names of the routes the sandbox serves, as used by the ledger and the fault injector. */
public final class RouteIds {

    public static final String TOKEN = "token";
    public static final String EMAIL_SEND = "email-send";
    public static final String EMAIL_BATCH = "email-batch";
    public static final String EMAIL_STATUS = "email-status";
    public static final String EMAIL_NOT_SENT = "email-notsent";
    public static final String SMS_SEND = "sms-send";
    public static final String SMS_BATCH = "sms-batch";
    public static final String SMS_STATUS = "sms-status";
    public static final String SMS_NOT_SENT = "sms-notsent";
    /** Requests that matched no route; recorded so that a client building wrong URLs shows up in the ledger. */
    public static final String UNMATCHED = "unmatched";
    /** Fault-injector wildcard: every route in {@link #SIMULATED}. */
    public static final String ALL = "*";

    /** The routes that simulate MCE, in a stable order for reports. */
    public static final List<String> SIMULATED = List.of(TOKEN,
            EMAIL_SEND, EMAIL_BATCH, EMAIL_STATUS, EMAIL_NOT_SENT,
            SMS_SEND, SMS_BATCH, SMS_STATUS, SMS_NOT_SENT);

    private RouteIds() {
    }
}
