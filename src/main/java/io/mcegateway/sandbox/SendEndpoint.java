package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code POST /messaging/v1/{email|sms}/messages[/{messageKey}]}: single and batch sends (reference §2.2-2.4). */
final class SendEndpoint {

    /**
     * Status of a single send whose only recipient fails (missing {@code to}, duplicate key, ...).
     * The docs list 400 for single sends but show only the {@code responses[]} element of a real duplicate
     * (open question 1). The sandbox answers like a batch, 202 with 109001 at top level and the reason in
     * {@code responses[0]}, so one client code path reads both; a client must therefore inspect
     * {@code errorcode}, never the status alone.
     */
    static final int SINGLE_SEND_FAILURE_STATUS = 202;

    // MCE's own wording; kept even when the sandbox window is shortened, as clients may log or match it.
    private static final String DUPLICATE_DETAIL = "messageKey reused within the past 2 days";

    /** The 202 body, and whether any recipient failed to queue. */
    private record Outcome(ObjectNode body, boolean anyFailed) {
    }

    private final Supplier<SandboxSettings> settings;
    private final MessageStore messages;
    private final SandboxLedger ledger;
    private final Clock clock;

    SendEndpoint(Supplier<SandboxSettings> settings, MessageStore messages, SandboxLedger ledger, Clock clock) {
        this.settings = settings;
        this.messages = messages;
        this.ledger = ledger;
        this.clock = clock;
    }

    SandboxResponse single(Channel channel, BusinessUnit businessUnit, String messageKey, byte[] body) {
        try {
            Outcome outcome = queue(channel, businessUnit, SendRequestParser.single(messageKey, body));
            return SandboxResponse.json(outcome.anyFailed() ? SINGLE_SEND_FAILURE_STATUS : 202, outcome.body());
        } catch (SendRejectedException e) {
            return e.toResponse();
        }
    }

    SandboxResponse batch(Channel channel, BusinessUnit businessUnit, byte[] body) {
        try {
            // Per-recipient failures still answer 202 (the documented "mixed" example).
            return SandboxResponse.json(202,
                    queue(channel, businessUnit, SendRequestParser.batch(body, settings.get().maxRecipients())).body());
        } catch (SendRejectedException e) {
            return e.toResponse();
        }
    }

    private Outcome queue(Channel channel, BusinessUnit businessUnit, SendRequestParser.ParsedSend send) {
        List<SendRequestParser.RecipientEntry> entries = send.recipients();
        List<MessageStore.Recipient> valid = new ArrayList<>();
        for (SendRequestParser.RecipientEntry entry : entries) {
            if (entry.valid()) {
                valid.add(new MessageStore.Recipient(entry.messageKey(), entry.contactKey(), entry.to()));
            }
        }
        List<Boolean> accepted = messages.accept(businessUnit, channel, send.definitionKey(), valid, settings.get());

        ArrayNode responses = Json.array();
        int failures = 0;
        int validIndex = 0;
        for (SendRequestParser.RecipientEntry entry : entries) {
            ObjectNode item = responses.addObject();
            item.put("messageKey", entry.messageKey());
            if (!entry.valid()) {
                failures++;
                item.put("errorcode", entry.error().code());
                item.put("message", entry.error().message(entry.errorDetail()));
            } else if (accepted.get(validIndex++)) {
                ledger.recordAcceptance(channel, businessUnit, entry.messageKey(), send.definitionKey(), clock.instant());
            } else {
                failures++;
                ledger.recordDuplicateRejection(channel);
                item.put("errorcode", TmError.DUPLICATE_MESSAGE_KEY.code());
                item.put("message", TmError.DUPLICATE_MESSAGE_KEY.message(DUPLICATE_DETAIL));
            }
        }

        ObjectNode body = Json.object();
        body.put("requestId", UUID.randomUUID().toString());
        if (failures == 0) {
            body.put("errorcode", 0);
        } else {
            body.put("errorcode", TmError.RESPONSES_HAS_ERRORS.code());
            body.put("message", TmError.RESPONSES_HAS_ERRORS.message(
                    failures + " subscribers failed to queue out of " + entries.size()));
        }
        body.set("responses", responses);
        return new Outcome(body, failures > 0);
    }
}
