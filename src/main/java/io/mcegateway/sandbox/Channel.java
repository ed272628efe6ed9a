package io.mcegateway.sandbox;

import java.util.List;

/** The two Transactional Messaging channels, with the names MCE uses for each on the wire. */
enum Channel {

    EMAIL("email", "Email", true,
            List.of(new NotSentReason(24, "ListDetectiveExclusion"),
                    new NotSentReason(5, "InvalidEmailAddress"),
                    new NotSentReason(1, "Unsubscribed"))),
    SMS("sms", "SMS", false,
            List.of(new NotSentReason(129, "PhoneNumberValidationFailed"),
                    new NotSentReason(1, "Unsubscribed")));

    private final String wireName;
    private final String eventInfix;
    private final boolean statusShowsTo;
    private final List<NotSentReason> notSentReasons;

    Channel(String wireName, String eventInfix, boolean statusShowsTo, List<NotSentReason> notSentReasons) {
        this.wireName = wireName;
        this.eventInfix = eventInfix;
        this.statusShowsTo = statusShowsTo;
        this.notSentReasons = notSentReasons;
    }

    /** The path segment and ledger name: {@code email} or {@code sms}. */
    String wireName() {
        return wireName;
    }

    /** e.g. {@code TransactionalSendEvents.EmailQueued}; the status route spells SMS in capitals. */
    String eventCategoryType(DeliveryState state) {
        return "TransactionalSendEvents." + eventInfix + state.eventSuffix();
    }

    /** The email status example carries {@code info.to}; the SMS one does not. */
    boolean statusShowsTo() {
        return statusShowsTo;
    }

    /** Subscriber error codes (reference §2.10) the sandbox picks from for NotSent messages. */
    List<NotSentReason> notSentReasons() {
        return notSentReasons;
    }

    static Channel fromWireName(String name) {
        for (Channel channel : values()) {
            if (channel.wireName.equals(name)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("Unknown channel '" + name + "': use email or sms");
    }
}
