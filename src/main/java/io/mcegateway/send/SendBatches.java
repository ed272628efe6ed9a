package io.mcegateway.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * One MCE batch send of messages that share a batch group: builds the request, records it as in flight, and maps
 * MCE's answer, or the failure, back onto each message.
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
    private final DeliveryQueue queue;
    private final Duration lease;
    private final Duration unknownOutcomeCheckDelay;
    private final Duration noTokenRetryDelay;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DistributionSummary batchSizes;
    private final Timer throttleWaits;

    public SendBatches(ObjectMapper json, MessageStore store, DeliveryQueue queue, Duration lease,
            Duration unknownOutcomeCheckDelay, Duration noTokenRetryDelay, Clock clock,
            MeterRegistry meters) {
        this.json = json;
        this.store = store;
        this.queue = queue;
        this.lease = lease;
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

    /** Builds MCE's batch body from the aggregated messages and marks them in flight. */
    public void prepare(Exchange exchange) {
        Instant queuedAt = exchange.getProperty(QUEUED_AT, Instant.class);
        if (queuedAt != null) {
            throttleWaits.record(Duration.between(queuedAt, clock.instant()));
        }
        List<MessageRecord> batch = messages(exchange);
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
        store.markInFlight(first.channel(), keys(batch), queue.instanceId(), lease);
        batchSizes.record(batch.size());
        exchange.setProperty(BATCH, batch);
        exchange.setProperty(MceRestCall.METHOD, "POST");
        exchange.setProperty(MceRestCall.PATH, "messaging/v1/" + first.channel().path() + "/messages/");
        exchange.setProperty(MceRestCall.UNIT, first.businessUnit());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(body.toString());
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
        List<String> missing = new ArrayList<>();
        for (MessageRecord message : batch) {
            JsonNode result = results.get(message.messageKey());
            if (result == null) {
                missing.add(message.messageKey());
                continue;
            }
            String code = errorCode(result);
            if (code == null || code.equals("0") || code.equals(DUPLICATE_MESSAGE_KEY)) {
                submitted.add(message.messageKey());
            } else {
                store.markFailed(channel, List.of(message.messageKey()), new SendError("MCE", code,
                        MceRestCall.maskedAnswerText(exchange, result.path("message").asText(null))));
                count(channel, "rejected");
            }
        }
        store.markSubmitted(channel, submitted, requestId);
        submitted.forEach(key -> count(channel, "submitted"));
        batch.stream().filter(message -> submitted.contains(message.messageKey())).forEach(message ->
                Timer.builder("gateway.message.latency").description("Acceptance by the gateway to acceptance by MCE")
                        .tag("channel", channel.path()).register(meters)
                        .record(Duration.between(message.createdAt(), clock.instant())));
        if (!missing.isEmpty()) {
            // MCE's answer did not mention them: check their status before anything else.
            store.retryLater(channel, missing, clock.instant().plus(unknownOutcomeCheckDelay), true,
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

    /** Before Camel resends the batch after a temporary failure. */
    public void redelivering(Exchange exchange) {
        List<MessageRecord> batch = messages(exchange);
        store.countAttempt(batch.get(0).channel(), keys(batch));
        meters.counter("mce.send.retries", "channel", batch.get(0).channel().path()).increment();
    }

    private void fail(Exchange exchange, SendError error) {
        List<MessageRecord> batch = messages(exchange);
        store.markFailed(batch.get(0).channel(), keys(batch), error);
        batch.forEach(message -> count(message.channel(), "failed"));
        LOG.warn("{} message(s) FAILED: {} (replay with POST /api/v1/{}/messages/{messageKey}/replay)",
                batch.size(), error.message(), batch.get(0).channel().path());
    }

    private void later(Exchange exchange, Duration delay, boolean outcomeUnknown, SendError error) {
        List<MessageRecord> batch = messages(exchange);
        store.retryLater(batch.get(0).channel(), keys(batch), clock.instant().plus(delay), outcomeUnknown, error);
    }

    private void count(Channel channel, String outcome) {
        meters.counter("gateway.messages.delivered", "channel", channel.path(), "outcome", outcome).increment();
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

    private static List<String> keys(List<MessageRecord> batch) {
        return batch.stream().map(MessageRecord::messageKey).toList();
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
