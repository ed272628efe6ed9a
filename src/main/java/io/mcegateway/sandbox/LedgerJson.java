package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The ledger as the control API serves it: in full, or as counts. */
final class LedgerJson {

    private LedgerJson() {
    }

    static ObjectNode full(SandboxLedger ledger) {
        ObjectNode body = Json.object();
        ArrayNode tokens = body.putArray("tokenRequests");
        for (TokenRequest request : ledger.tokenRequests()) {
            ObjectNode node = tokens.addObject();
            node.put("at", request.at().toString());
            node.put("clientId", request.clientId());
            node.put("accountId", request.accountId());
            node.put("outcome", request.outcome());
            if (request.expiresIn() > 0) {
                node.put("expiresIn", request.expiresIn());
            }
        }
        ArrayNode requests = body.putArray("requests");
        for (RouteRequest request : ledger.requests()) {
            ObjectNode node = requests.addObject();
            node.put("routeId", request.routeId());
            node.put("method", request.method());
            node.put("target", request.target());
            node.put("receivedAt", request.receivedAt().toString());
            node.put("status", request.status());
            node.put("fault", request.fault());
            node.put("processed", request.processed());
        }
        ObjectNode accepted = body.putObject("accepted");
        ObjectNode duplicates = body.putObject("duplicateRejections");
        for (Channel channel : Channel.values()) {
            ArrayNode messages = accepted.putArray(channel.wireName());
            for (AcceptedMessage message : ledger.acceptedMessages(channel.wireName())) {
                ObjectNode node = messages.addObject();
                node.put("messageKey", message.messageKey());
                node.put("clientId", message.businessUnit().clientId());
                node.put("accountId", message.businessUnit().accountId());
                node.put("definitionKey", message.definitionKey());
                node.put("firstAcceptedAt", message.firstAcceptedAt().toString());
                node.put("acceptances", message.acceptances());
            }
            duplicates.put(channel.wireName(), ledger.duplicateRejections(channel.wireName()));
        }
        return body;
    }

    static ObjectNode summary(SandboxLedger ledger) {
        ObjectNode body = Json.object();
        body.put("tokenRequests", ledger.tokenRequestCount());
        ObjectNode requests = body.putObject("requests");
        ledger.requestCounts().forEach(requests::put);
        ObjectNode accepted = body.putObject("acceptedMessages");
        ObjectNode acceptedMoreThanOnce = body.putObject("acceptedMoreThanOnce");
        ObjectNode duplicates = body.putObject("duplicateRejections");
        for (Channel channel : Channel.values()) {
            List<AcceptedMessage> messages = ledger.acceptedMessages(channel.wireName());
            accepted.put(channel.wireName(), messages.size());
            ObjectNode repeated = acceptedMoreThanOnce.putObject(channel.wireName());
            messages.stream().filter(m -> m.acceptances() > 1)
                    .forEach(m -> repeated.put(m.messageKey(), m.acceptances()));
            duplicates.put(channel.wireName(), ledger.duplicateRejections(channel.wireName()));
        }
        return body;
    }
}
