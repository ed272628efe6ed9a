package io.mcegateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.exchangelog.ExchangeLog;
import io.mcegateway.exchangelog.SupportBundle;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Answers {@code GET /api/v1/support/bundle?signature=...} or {@code ?messageKey=...} with the support bundle: for
 * each error signature, two or three representative masked exchanges and the trend figures, as one JSON document
 * to attach to a Salesforce support case. Exactly one of the two query parameters; anything else is a 400.
 */
public final class SupportBundleReplies {

    static final String SIGNATURE = "signature";
    static final String MESSAGE_KEY = "messageKey";

    private final ExchangeLog log;
    private final ObjectMapper json;

    public SupportBundleReplies(ExchangeLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    public void reply(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String signature = parameter(message, SIGNATURE);
        String messageKey = parameter(message, MESSAGE_KEY);
        if ((signature == null) == (messageKey == null)) {
            throw new InvalidRequestException(null, "Give exactly one query parameter: signature (an error "
                    + "signature such as 500/0/MCE, see /actuator/health or the exchange log) or messageKey");
        }
        SupportBundle bundle = signature != null
                ? log.supportBundleForSignature(signature)
                : log.supportBundleForMessageKey(messageKey);
        // Inbound headers (the caller's API key among them) must not go back out as response headers.
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Content-Disposition", "attachment; filename=\"mce-support-bundle.json\"");
        message.setBody(json.writeValueAsString(bundle));
    }

    /** A query parameter given once and not blank, or null when absent. */
    private static String parameter(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new InvalidRequestException(name, "give it once");
        }
        if (text.isBlank()) {
            throw new InvalidRequestException(name, "must not be empty");
        }
        return text.trim();
    }
}
