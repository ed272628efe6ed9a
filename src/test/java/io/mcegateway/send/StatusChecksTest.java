package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusChecksTest {

    @ParameterizedTest
    @CsvSource({
            "TransactionalSendEvents.EmailQueued, QUEUED",
            "TransactionalSendEvents.EmailSent, SENT",
            "TransactionalSendEvents.EmailNotSent, NOT_SENT",
            // The status route spells SMS in capitals, ENS events in mixed case: compared case-insensitively.
            "TransactionalSendEvents.SMSQueued, QUEUED",
            "TransactionalSendEvents.SMSSent, SENT",
            "TransactionalSendEvents.SMSNotSent, NOT_SENT",
            "TransactionalSendEvents.SmsNotSent, NOT_SENT",
            "TransactionalSendEvents.EmailBounced, SUBMITTED"})
    void mce_events_map_to_the_gateways_status(String eventCategoryType, MessageStatus expected) {
        assertThat(StatusChecks.map(eventCategoryType)).isEqualTo(expected);
        assertThat(LookupOutcome.of(expected)).isEqualTo(expected == MessageStatus.SENT ? LookupOutcome.SENT
                : expected == MessageStatus.NOT_SENT ? LookupOutcome.NOT_SENT : LookupOutcome.QUEUED);
    }
}
