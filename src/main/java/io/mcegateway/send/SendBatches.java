package io.mcegateway.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcegateway.mce.CallAdmission;
import io.mcegateway.mce.MceCallException;
import io.mcegateway.mce.MceFailures;
import io.mcegateway.mce.MceRestCall;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCE batch send of messages that share a batch group: builds the request, fences each attempt against lost
 * claims, and maps MCE's answer, or the failure, back onto each message.
 *
 * <p>The fence ({@link #inFlight}) is the send's {@link CallAdmission}: {@link MceRestCall} passes it inside the
 * business unit's call slot, just before each request leaves (the first attempt, every redelivery, the resend after a
 * 401). It renews the claim of every message for one more lease and flags it in flight, and the request carries only
 * the messages whose claim still held. A copy of a message whose claim was taken over while it waited (in the
 * aggregator, the throttle, for the call slot, a 429 pause or a redelivery delay) is dropped there, so a message is
 * only ever sent under its current claim, and a claim only has to outlast one request ({@link ClaimLease}).
 */
public final class SendBatches {

    /** Exchange property holding the batch's messages while the request is out. */
    public static final String BATCH = "gatewaySendBatch";
    private static final String QUEUED_AT = "gatewayBatchQueuedAt";
    /** MCE's answer when it already holds the messageKey: the message was sent before, so it is submitted. */
    static final String DUPLICATE_MESSAGE_KEY = "109110";

    private static final Logger LOG = LoggerFactory.getLogger(SendBatches.class);

    private final ObjectMapper json;
    private final MessageStore store;
    private final Duration lease;
    private final Duration unknownOutcomeCheckDelay;
    private final Duration noTokenRetryDelay;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DistributionSummary batchSizes;
    private final Timer throttleWaits;

    public SendBatches(ObjectMapper json, MessageStore store, ClaimLease lease, Duration unknownOutcomeCheckDelay,
            Duration noTokenRetryDelay, Clock clock, MeterRegistry meters) {
        this.json = json;
        this.store = store;
        this.lease = lease.length();
        this.unknownOutcomeCheckDelay = unknownOutcomeCheckDelay;
        this.noTokenRetryDelay = noTokenRetryDelay;
        this.clock = clock;
        this.meters = meters;
        this.batchSizes = DistributionSummary.builder("mce.send.batch.size")
                .description("Recipients per MCE batch send request").register(meters);
        this.throttleWaits = Timer.builder("mce.send.throttle.wait")
                .description("Time a ready batch waited for the send throttle").register(meters);
    }

    /** Before the throttle: notes the time, so the wait the throttle imposes can be measured. */
    public void queued(Exchange exchange) {
        exchange.setProperty(QUEUED_AT, clock.instant());
    }

    /** Builds MCE's batch request from the aggregated messages; {@link #inFlight} fences each attempt. */
    public void prepare(Exchange exchange) {
        Instant queuedAt = exchange.getProperty(QUEUED_AT, Instant.class);
        if (queuedAt != null) {
            throttleWaits.record(Duration.between(queuedAt, clock.instant()));
        }
        List<MessageRecord> batch = messages(exchange);
        MessageRecord first = batch.get(0);
        batchSizes.record(batch.size());
        exchange.setProperty(BATCH, batch);
        exchange.setProperty(MceRestCall.METHOD, "POST");
        exchange.setProperty(MceRestCall.PATH, "messaging/v1/" + first.channel().path() + "/messages/");
        exchange.setProperty(MceRestCall.UNIT, first.businessUnit());
        // Replaces any admission left on the exchange: a batch begun by a message that a status check found absent
        // at MCE carries that check's properties, and a send must not pass (or wait for) the status budget.
        exchange.setProperty(MceRestCall.ADMISSION, (CallAdmission) this::inFlight);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(requestBody(batch));
    }

    /**
     * The fence (the send's call admission, just before each request leaves): renews the claims and flags the
     * messages in flight; the request keeps only the messages still held. None left: nothing is sent.
     */
    void inFlight(Exchange exchange) {
        List<MessageRecord> batch = messages(exchange);
        List<MessageRecord> held = store.markInFlight(batch, lease);
        if (held.size() == batch.size()) {
            return;
        }
        meters.counter("gateway.send.claims.lost", "channel", batch.get(0).channel().path())
                .increment(batch.size() - held.size());
        if (held.isEmpty()) {
            throw new ClaimLostException(batch.size());
        }
        exchange.setProperty(BATCH, held);
        exchange.getMessage().setBody(requestBody(held));
    }

    private String requestBody(List<MessageRecord> batch) {
        MessageRecord first = batch.get(0);
        ObjectNode body = json.createObjectNode();
        body.put("definitionKey", first.definitionKey());
        ArrayNode recipients = body.putArray("recipients");
        for (MessageRecord message : batch) {
            ObjectNode recipient = (ObjectNode) read(message.recipientJson());
            recipient.put("messageKey", message.messageKey());
            recipients.add(recipient);
        }
        if (first.attributesJson() != null) {
            body.set("attributes", read(first.attributesJson()));
        }
        return body.toString();
    }

    /**
     * MCE's 202: per-recipient results in {@code responses[]}. No errorcode: submitted. 109110: MCE already has the
     * message from an earlier attempt, so it is submitted too. Any other code: MCE refused that recipient.
     */
    public void accepted(Exchange exchange) {
        List<MessageRecord> batch = messages(exchange);
        Channel channel = batch.get(0).channel();
        JsonNode answer = read(exchange.getMessage().getBody(String.class));
        String requestId = answer.path("requestId").asText(null);
        Map<String, JsonNode> results = new HashMap<>();
        for (JsonNode response : answer.path("responses")) {
            results.put(response.path("messageKey").asText(), response);
        }
        List<String> submitted = new ArrayList<>();
        List<MessageRecord> missing = new ArrayList<>();
        for (MessageRecord message : batch) {
            JsonNode result = results.get(message.messageKey());
            if (result == null) {
                missing.add(message);
                continue;
            }
            String code = errorCode(result);
            if (code == null || code.equals("0") || code.equals(DUPLICATE_MESSAGE_KEY)) {
                submitted.add(message.messageKey());
            } else {
                store.markFailed(List.of(message), new SendError("MCE", code,
                        MceRestCall.maskedAnswerText(exchange, result.path("message").asText(null))));
                count(channel, "rejected", 1);
            }
        }
        store.markSubmitted(channel, submitted, requestId);
        count(channel, "submitted", submitted.size());
        batch.stream().filter(message -> submitted.contains(message.messageKey())).forEach(message ->
                Timer.builder("gateway.message.latency").description("Acceptance by the gateway to acceptance by MCE")
                        .tag("channel", channel.path()).register(meters)
                        .record(Duration.between(message.createdAt(), clock.instant())));
        if (!missing.isEmpty()) {
            // MCE's answer did not mention them: check their status before anything else.
            store.retryLater(missing, clock.instant().plus(unknownOutcomeCheckDelay), true,
                    new SendError("MCE", null, "MCE's answer did not list this messageKey"));
        }
    }

    /** MCE refused the whole request (400, 403, 404...): retrying cannot help. */
    public void rejected(Exchange exchange) {
        MceCallException failure = caught(exchange, MceCallException.class);
        fail(exchange, new SendError(failure.source(), failure.errorCode() != null ? failure.errorCode()
                : String.valueOf(failure.status()), failure.getMessage()));
    }

    /** Temporary failures outlasted every redelivery. */
    public void exhausted(Exchange exchange) {
        Throwable failure = caught(exchange, Throwable.class);
        String source = failure instanceof MceCallException typed ? typed.source() : "GATEWAY";
        fail(exchange, new SendError(source, failure instanceof MceCallException typed && typed.status() > 0
                ? String.valueOf(typed.status()) : null, "Retries exhausted: " + failure.getMessage()));
    }

    /** The request may have reached MCE: ask MCE about each message before anything is resent. */
    public void outcomeUnknown(Exchange exchange) {
        Throwable failure = caught(exchange, Throwable.class);
        String source = failure instanceof MceCallException typed ? typed.source() : "GATEWAY";
        later(exchange, unknownOutcomeCheckDelay, true, new SendError(source, null, failure.getMessage()));
        LOG.warn("Outcome of an MCE send of {} message(s) is unknown ({}); their status is checked before any "
                + "resend", messages(exchange).size(), MceFailures.describe(failure));
    }

    /** No token (credentials refused or auth API down): nothing was sent; try again later. */
    public void noToken(Exchange exchange) {
        Throwable failure = caught(exchange, Throwable.class);
        later(exchange, noTokenRetryDelay, false, new SendError("MCE", null, failure.getMessage()));
    }

    /**
     * Another claim took every message of the batch over before the request left: nothing was sent, and the
     * holder of the new claim sends them.
     */
    public void claimLost(Exchange exchange) {
        LOG.info("{} message(s) not sent by this copy: another claim took them over while they waited (their lease "
                + "ran out, or a restart gave them back); the new claim sends them", messages(exchange).size());
    }

    /**
     * Before Camel resends the batch after a temporary failure. Camel restores the message as it was before the first
     * attempt, so the request is rebuilt from the messages still held: a fence may have dropped some since.
     */
    public void redelivering(Exchange exchange) {
        List<MessageRecord> batch = messages(exchange);
        exchange.getMessage().setBody(requestBody(batch));
        meters.counter("mce.send.retries", "channel", batch.get(0).channel().path()).increment();
    }

    private void fail(Exchange exchange, SendError error) {
        List<MessageRecord> batch = messages(exchange);
        int failed = store.markFailed(batch, error);
        count(batch.get(0).channel(), "failed", failed);
        LOG.warn("{} message(s) FAILED: {} (replay with POST /api/v1/{}/messages/{messageKey}/replay)",
                failed, error.message(), batch.get(0).channel().path());
    }

    private void later(Exchange exchange, Duration delay, boolean outcomeUnknown, SendError error) {
        store.retryLater(messages(exchange), clock.instant().plus(delay), outcomeUnknown, error);
    }

    private void count(Channel channel, String outcome, int messages) {
        meters.counter("gateway.messages.delivered", "channel", channel.path(), "outcome", outcome)
                .increment(messages);
    }

    private static String errorCode(JsonNode result) {
        JsonNode code = result.has("errorcode") ? result.get("errorcode") : result.get("errorCode");
        return code == null || code.isNull() ? null : code.asText();
    }

    @SuppressWarnings("unchecked")
    private static List<MessageRecord> messages(Exchange exchange) {
        List<MessageRecord> batch = exchange.getProperty(BATCH, List.class);
        return batch != null ? batch : exchange.getMessage().getBody(List.class);
    }

    private static <T> T caught(Exchange exchange, Class<T> type) {
        T failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, type);
        return failure != null ? failure : type.cast(exchange.getException());
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("Stored or received JSON could not be read", e);
        }
    }
}
