package io.mcegateway.sandbox;

/** Where an accepted message stands, as the status route reports it. */
enum DeliveryState {
    QUEUED("Queued"),
    SENT("Sent"),
    NOT_SENT("NotSent");

    private final String eventSuffix;

    DeliveryState(String eventSuffix) {
        this.eventSuffix = eventSuffix;
    }

    String eventSuffix() {
        return eventSuffix;
    }
}
