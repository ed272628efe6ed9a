package io.mcegateway.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.mce.MceCallException;
import io.mcegateway.mce.MceRestCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * MCE's status lookup by messageKey ({@code GET /messaging/v1/{channel}/messages/{messageKey}}) and what its answer
 * means for a stored message. The send flow uses it before resending a message whose outcome is unknown.
 */
public final class StatusChecks {

    /** Exchange property holding the message being checked. */
    public static final String MESSAGE = "gatewayCheckedMessage";
    /** Exchange property set to true when MCE confirmed it has no such message. */
    public static final String ABSENT = "gatewayStatusAbsent";

    private final ObjectMapper json;
    private final MessageStore store;
    private final Duration retryDelay;
    private final Clock clock;

    public StatusChecks(ObjectMapper json, MessageStore store, Duration retryDelay, Clock clock) {
        this.json = json;
        this.store = store;
        this.retryDelay = retryDelay;
        this.clock = clock;
    }

    /** Sets up the lookup call for the message in the body. */
    public void prepare(Exchange exchange) {
        MessageRecord message = exchange.getMessage().getBody(MessageRecord.class);
        exchange.setProperty(MESSAGE, message);
        exchange.setProperty(MceRestCall.METHOD, "GET");
        exchange.setProperty(MceRestCall.PATH, "messaging/v1/" + message.channel().path() + "/messages/"
                + URLEncoder.encode(message.messageKey(), StandardCharsets.UTF_8).replace("+", "%20"));
        exchange.setProperty(MceRestCall.UNIT, message.businessUnit());
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
    }

    /**
     * True when MCE answered that it has no message with this key (the sandbox answers 404 with errorcode 30003;
     * MCE does not document this case). Only then is a resend safe.
     */
    public static boolean isAbsent(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        return failure instanceof MceCallException.Rejected rejected && rejected.status() == 404;
    }

    /** MCE has no such message: clear the flag; the body becomes the message again, ready to be sent. */
    public void absent(Exchange exchange) {
        MessageRecord message = exchange.getProperty(MESSAGE, MessageRecord.class);
        store.clearOutcomeUnknown(message.channel(), message.messageKey());
        exchange.setProperty(ABSENT, true);
        exchange.setException(null);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(message);
    }

    /** The lookup itself failed: the outcome stays unknown; look again later. */
    public void lookupFailed(Exchange exchange) {
        MessageRecord message = exchange.getProperty(MESSAGE, MessageRecord.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String source = failure instanceof MceCallException typed ? typed.source() : "GATEWAY";
        store.retryLater(message.channel(), List.of(message.messageKey()), clock.instant().plus(retryDelay), true,
                new SendError(source, null, "Status check failed: " + (failure == null ? "" : failure.getMessage())));
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
