package io.mcegateway.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.mce.CallAdmission;
import io.mcegateway.mce.MceCallException;
import io.mcegateway.mce.MceRestCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCE's status lookup by messageKey ({@code GET /messaging/v1/{channel}/messages/{messageKey}}) and what its answer
 * means for a stored message. One lookup serves every caller: the send flow before resending a message whose outcome
 * is unknown, reconciliation of SUBMITTED and QUEUED messages, and the API's {@code ?refresh=true}. What MCE says is
 * always recorded; what a missing message or a failed lookup means depends on where the message stands, so each
 * caller finds the {@link LookupOutcome} in {@value #OUTCOME} and acts on it.
 */
public final class StatusChecks {

    /** Exchange property holding the message being checked. */
    public static final String MESSAGE = "gatewayCheckedMessage";
    /** Exchange property set to true when MCE confirmed it has no such message. */
    public static final String ABSENT = "gatewayStatusAbsent";
    /** Exchange property: the {@link LookupOutcome}. */
    public static final String OUTCOME = "gatewayStatusOutcome";
    /** Exchange property: MCE's eventCategoryType, when MCE answered with a status. */
    public static final String EVENT = "gatewayStatusEvent";
    /** Exchange property: why the lookup failed (the exception), when it did. */
    public static final String FAILURE = "gatewayStatusFailure";
    /** lastError.code of a message given up after {@code mce.send.max-unknown-outcome-checks}. */
    static final String UNKNOWN_OUTCOME_LIMIT = "UNKNOWN_OUTCOME_LIMIT";

    private static final Logger LOG = LoggerFactory.getLogger(StatusChecks.class);

    private final ObjectMapper json;
    private final MessageStore store;
    private final Duration retryDelay;
    private final int maxUnknownOutcomeChecks;
    private final Clock clock;
    private final CallAdmission budget;
    private final MeterRegistry meters;

    /**
     * @param maxUnknownOutcomeChecks how many times a check may find a message absent after an unknown outcome; the
     *                                last of them fails it instead of letting it be sent again
     * @param budget                  passed inside the business unit's call slot before each lookup leaves (the status
     *                                budget)
     */
    public StatusChecks(ObjectMapper json, MessageStore store, Duration retryDelay, int maxUnknownOutcomeChecks,
            Clock clock, CallAdmission budget, MeterRegistry meters) {
        this.json = json;
        this.store = store;
        this.retryDelay = retryDelay;
        this.maxUnknownOutcomeChecks = maxUnknownOutcomeChecks;
        this.clock = clock;
        this.budget = budget;
        this.meters = meters;
    }

    /** Sets up the lookup call for the message in the body. */
    public void prepare(Exchange exchange) {
        MessageRecord message = exchange.getMessage().getBody(MessageRecord.class);
        exchange.setProperty(MESSAGE, message);
        exchange.setProperty(MceRestCall.METHOD, "GET");
        exchange.setProperty(MceRestCall.PATH, "messaging/v1/" + message.channel().path() + "/messages/"
                + URLEncoder.encode(message.messageKey(), StandardCharsets.UTF_8).replace("+", "%20"));
        exchange.setProperty(MceRestCall.UNIT, message.businessUnit());
        exchange.setProperty(MceRestCall.ADMISSION, budget);
        exchange.removeProperty(OUTCOME);
        exchange.removeProperty(EVENT);
        exchange.removeProperty(FAILURE);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
    }

    /** MCE knows the message: record what it says; it must not be sent again. */
    public void found(Exchange exchange) throws Exception {
        MessageRecord message = exchange.getProperty(MESSAGE, MessageRecord.class);
        JsonNode status = json.readTree(exchange.getMessage().getBody(String.class));
        String event = status.path("eventCategoryType").asText("");
        JsonNode info = status.path("info");
        MessageStatus mapped = map(event);
        store.markMceStatus(message.channel(), message.messageKey(), mapped,
                mapped == MessageStatus.NOT_SENT && info.has("statusCode") ? info.get("statusCode").asInt() : null,
                mapped == MessageStatus.NOT_SENT ? info.path("statusMessage").asText(null) : null);
        exchange.setProperty(EVENT, event);
        outcome(exchange, message, LookupOutcome.of(mapped));
    }

    /**
     * True when MCE answered that it has no message with this key: a 404 with MCE's own error body (the sandbox
     * answers errorcode 30003, Object Not Found; MCE does not document this case). Only then is a resend safe: a 404
     * page from a proxy on the way says nothing about what MCE holds.
     */
    public static boolean isAbsent(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        return failure instanceof MceCallException.Rejected rejected && rejected.status() == 404
                && rejected.byMce();
    }

    /**
     * MCE has no such message. For a message whose send may not have arrived, that makes sending safe: clear the
     * flag; the body becomes the message again, ready to be sent. Only the copy that holds the message's claim does
     * so (a copy whose claim was taken over, or a record read by the API, sends nothing). The
     * {@code maxUnknownOutcomeChecks}-th such check fails the message instead: whatever breaks every answer on the way
     * to MCE would otherwise have it sent again forever. A message MCE accepted (202) is never resent; its caller
     * decides what the absence means.
     */
    public void absent(Exchange exchange) {
        MessageRecord message = exchange.getProperty(MESSAGE, MessageRecord.class);
        exchange.setException(null);
        exchange.getMessage().removeHeaders("*");
        outcome(exchange, message, LookupOutcome.ABSENT);
        if (!mayNotHaveArrived(message)) {
            return;
        }
        if (message.unknownOutcomeChecks() + 1 >= maxUnknownOutcomeChecks) {
            giveUp(message);
        } else if (store.clearOutcomeUnknown(message)) {
            exchange.setProperty(ABSENT, true);
            // The exchange goes on to be sent (and may start a batch, whose properties it becomes): a send must not
            // pass the status budget while it holds the business unit's call slot.
            exchange.removeProperty(MceRestCall.ADMISSION);
            exchange.getMessage().setBody(message);
        }
    }

    private void giveUp(MessageRecord message) {
        SendError reason = new SendError("GATEWAY", UNKNOWN_OUTCOME_LIMIT, "MCE did not have the message after "
                + maxUnknownOutcomeChecks + " sends whose outcome was unknown (timeouts, lost connections, error "
                + "pages from a proxy): the path to MCE breaks its answers. Fix it, then replay");
        if (store.markFailed(List.of(message), reason) == 1) {
            meters.counter("gateway.messages.delivered", "channel", message.channel().path(), "outcome", "failed")
                    .increment();
            LOG.warn("{} FAILED: {} (POST /api/v1/{}/messages/{}/replay)", message, reason.message(),
                    message.channel().path(), message.messageKey());
        }
    }

    /**
     * The lookup itself failed. For a message whose send may not have arrived, the outcome stays unknown: look again
     * later. Other callers decide for themselves when to ask again.
     */
    public void lookupFailed(Exchange exchange) {
        MessageRecord message = exchange.getProperty(MESSAGE, MessageRecord.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.setProperty(FAILURE, failure);
        outcome(exchange, message, LookupOutcome.FAILED);
        if (mayNotHaveArrived(message)) {
            String source = failure instanceof MceCallException typed ? typed.source() : "GATEWAY";
            store.retryLater(List.of(message), clock.instant().plus(retryDelay), true,
                    new SendError(source, null, "Status check failed: " + (failure == null ? "" : failure.getMessage())));
        }
    }

    /** The send flow's unknown outcome: the message is back in the queue and MCE may or may not have it. */
    private static boolean mayNotHaveArrived(MessageRecord message) {
        return message.outcomeUnknown() && message.status() == MessageStatus.ACCEPTED;
    }

    private void outcome(Exchange exchange, MessageRecord message, LookupOutcome outcome) {
        exchange.setProperty(OUTCOME, outcome);
        Counter.builder("gateway.status.checks").description("MCE status lookups by messageKey, by what MCE said")
                .tag("channel", message.channel().path()).tag("result", outcome.tag()).register(meters).increment();
    }

    /** EmailQueued/SMSQueued, EmailSent/SMSSent, EmailNotSent/SMSNotSent, in any letter case. */
    static MessageStatus map(String eventCategoryType) {
        String event = eventCategoryType.toLowerCase(Locale.ROOT);
        if (event.endsWith("notsent")) {
            return MessageStatus.NOT_SENT;
        }
        if (event.endsWith("sent")) {
            return MessageStatus.SENT;
        }
        if (event.endsWith("queued")) {
            return MessageStatus.QUEUED;
        }
        return MessageStatus.SUBMITTED;
    }
}
