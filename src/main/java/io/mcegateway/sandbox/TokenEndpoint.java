package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code POST /v2/token}: the client-credentials grant of MCE's auth endpoint (reference §1). */
final class TokenEndpoint {

    static final String CLIENT_CREDENTIALS = "client_credentials";

    /** Scopes granted when the request names none: a subset of a real package's list (reference §1.2). */
    static final String DEFAULT_SCOPE = "email_read email_write email_send sms_read sms_write sms_send"
            + " data_extensions_read data_extensions_write";

    static final String UNSUPPORTED_GRANT_TYPE_DESCRIPTION = "Use \"authorization_code\" or \"refresh_token\" or"
            + " \"client_credentials\" or \"urn:ietf:params:oauth:grant-type:jwt-bearer\" as the grant_type.";
    static final String INVALID_CLIENT_DESCRIPTION = "Client authentication failed. Make sure that the client ID"
            + " and client secret are valid and that the package is installed and enabled.";

    private final Supplier<SandboxSettings> settings;
    private final TokenStore tokens;
    private final SandboxLedger ledger;
    private final ExpiresInPolicy expiresIn;
    private final Clock clock;
    private final String instanceUrl;

    TokenEndpoint(Supplier<SandboxSettings> settings, TokenStore tokens, SandboxLedger ledger,
                  ExpiresInPolicy expiresIn, Clock clock, String baseUrl) {
        this.settings = settings;
        this.tokens = tokens;
        this.ledger = ledger;
        this.expiresIn = expiresIn;
        this.clock = clock;
        // Real responses carry scheme and trailing slash, unlike the doc example's bare host.
        this.instanceUrl = baseUrl + "/";
    }

    SandboxResponse handle(byte[] body) {
        Optional<ObjectNode> parsed = Json.parseObject(body);
        if (parsed.isEmpty()) {
            record(null, null, TokenRequest.INVALID_REQUEST);
            return MceErrors.oauth(400, "invalid_request", "The request body must be a JSON object.");
        }
        ObjectNode request = parsed.get();
        String clientId = Json.text(request, "client_id");
        JsonNode accountNode = request.get("account_id");
        if (accountNode != null && !accountNode.isNull() && !accountNode.isTextual() && !accountNode.isIntegralNumber()) {
            record(clientId, null, TokenRequest.INVALID_REQUEST);
            return MceErrors.oauth(400, "invalid_request", "account_id must be a number or a string.");
        }
        String accountId = accountId(accountNode);
        if (!CLIENT_CREDENTIALS.equals(Json.text(request, "grant_type"))) {
            record(clientId, accountId, TokenRequest.UNSUPPORTED_GRANT_TYPE);
            return MceErrors.oauth(400, "unsupported_grant_type", UNSUPPORTED_GRANT_TYPE_DESCRIPTION);
        }
        SandboxSettings current = settings.get();
        if (!secretMatches(current, clientId, Json.text(request, "client_secret"))) {
            record(clientId, accountId, TokenRequest.INVALID_CLIENT);
            return MceErrors.oauth(401, "invalid_client", INVALID_CLIENT_DESCRIPTION);
        }
        String accessToken = tokens.issue(new BusinessUnit(clientId, accountId), current.tokenLifetime());
        long expiresInSeconds = expiresIn.expiresInSeconds(current.tokenLifetime(), current.expiresInMargin());
        ledger.recordTokenRequest(new TokenRequest(clock.instant(), clientId, accountId, TokenRequest.ISSUED,
                expiresInSeconds));
        return SandboxResponse.json(200, success(accessToken, expiresInSeconds, scope(request)));
    }

    /** The caller's ids from a body that will not be processed, for the ledger; nulls when unreadable. */
    static TokenRequest describeUnprocessed(byte[] body, String outcome, Clock clock) {
        Optional<ObjectNode> parsed = Json.parseObject(body);
        return new TokenRequest(clock.instant(),
                parsed.map(request -> Json.text(request, "client_id")).orElse(null),
                parsed.map(request -> accountId(request.get("account_id"))).orElse(null),
                outcome);
    }

    private ObjectNode success(String accessToken, long expiresInSeconds, String scope) {
        // Field order as in the real-world responses (reference §1.2).
        ObjectNode body = Json.object();
        body.put("access_token", accessToken);
        body.put("token_type", "Bearer");
        body.put("expires_in", expiresInSeconds);
        body.put("scope", scope);
        body.put("soap_instance_url", instanceUrl);
        body.put("rest_instance_url", instanceUrl);
        return body;
    }

    /** The requested scopes are echoed, even an empty string (MCE: a token with no scopes). */
    private static String scope(ObjectNode request) {
        String requested = Json.text(request, "scope");
        return requested != null ? requested : DEFAULT_SCOPE;
    }

    private static String accountId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        // "12345" and 12345 name the same MID: the doc example sends a string where its table says number.
        return node.isTextual() ? node.textValue() : node.isIntegralNumber() ? node.asText() : null;
    }

    private static boolean secretMatches(SandboxSettings current, String clientId, String clientSecret) {
        if (clientId == null || clientSecret == null) {
            return false;
        }
        String expected = current.clients().get(clientId);
        return expected != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    private void record(String clientId, String accountId, String outcome) {
        ledger.recordTokenRequest(new TokenRequest(clock.instant(), clientId, accountId, outcome));
    }
}
