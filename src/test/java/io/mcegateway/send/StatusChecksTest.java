package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.mce.MceCallException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
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

    @Test
    void only_mces_own_404_says_the_message_is_absent_and_may_be_sent() {
        assertThat(StatusChecks.isAbsent(failedWith(new MceCallException.Rejected("MCE answered HTTP 404", 404,
                "30003", "MCE", null)))).isTrue();
        // A proxy's 404 page says nothing about what MCE holds: sending now could send twice.
        assertThat(StatusChecks.isAbsent(failedWith(new MceCallException.Rejected("HTTP 404", 404, null,
                "INTERMEDIARY", null)))).isFalse();
        assertThat(StatusChecks.isAbsent(failedWith(new MceCallException.Rejected("MCE answered HTTP 400", 400,
                "30000", "MCE", null)))).isFalse();
    }

    private static Exchange failedWith(Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }
}
