package io.mcegateway.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcegateway.mce.MceHttp;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Turns the exchange's business unit into MCE's client-credentials request (JSON body, as MCE documents it). */
public final class TokenRequestWriter {

    private final ObjectMapper json;

    public TokenRequestWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(Exchange exchange) throws Exception {
        BusinessUnit unit = exchange.getProperty(MceHttp.BUSINESS_UNIT, BusinessUnit.class);
        ObjectNode body = json.createObjectNode();
        body.put("grant_type", "client_credentials");
        body.put("client_id", unit.clientId());
        body.put("client_secret", unit.clientSecret().reveal());
        if (unit.accountId() != null && !unit.accountId().isBlank()) {
            body.put("account_id", unit.accountId());
        }
        if (unit.scope() != null && !unit.scope().isBlank()) {
            body.put("scope", unit.scope());
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_URI, stripTrailingSlash(unit.authUrl()) + "/v2/token");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        message.setBody(json.writeValueAsString(body));
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
