package io.mcegateway.mce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.exchangelog.Masker;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;

/**
 * Turns what the HTTP client threw into one of {@link MceCallException}'s types, so that error handling in the
 * routes reads as policy. The key distinction is whether MCE may have acted on the request.
 * <p>
 * MCE's own {@code message} is kept in the exception's message, masked as the exchange log masks that exchange:
 * from there it becomes the message's last error (shown by the API) and a line of the application log, and MCE
 * repeats recipients' names and addresses in it ("Invalid attribute value 'Jane' for FirstName").
 */
public final class MceFailureClassifier {

    private final ObjectMapper json;
    private final Clock clock;

    public MceFailureClassifier(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param masker the masker for the request that failed ({@link Masker#forRequest}); without one, MCE's message
     *               is left out, since it could name a recipient
     */
    public MceCallException classify(Throwable failure, Masker masker) {
        if (failure instanceof MceCallException typed) {
            return typed;
        }
        if (failure instanceof HttpOperationFailedException http) {
            return fromResponse(http, masker);
        }
        if (neverSent(failure)) {
            return new MceCallException.Retryable("MCE could not be reached: " + MceFailures.describe(failure), 0,
                    null, "NETWORK", null, failure);
        }
        // A reset or close once the request has left looks the same whether MCE acted on it or not.
        String source = failure instanceof java.net.SocketTimeoutException ? "CLIENT_TIMEOUT" : "NETWORK";
        return new MceCallException.OutcomeUnknown("No answer from MCE after the request was sent: "
                + MceFailures.describe(failure), 0, source, failure);
    }

    private MceCallException fromResponse(HttpOperationFailedException http, Masker masker) {
        int status = http.getStatusCode();
        JsonNode body = mceErrorBody(http.getResponseBody());
        String code = body == null ? null : body.path("errorcode").asText(body.path("errorCode").asText(null));
        String message = body == null ? null : body.path("message").asText(null);
        String text = (body == null ? "HTTP " + status + " without an MCE error body"
                : "MCE answered HTTP " + status) + (code == null ? "" : " errorcode " + code)
                + (message == null || masker == null ? "" : ": " + masker.maskText(message));
        if (status == 429) {
            Duration retryAfter = MceFailures.retryAfter(http, clock.instant()).orElse(null);
            return new MceCallException.Retryable(text, status, code, "MCE", retryAfter, http);
        }
        if (status >= 500) {
            if (body == null) {
                // Not MCE's error shape (an HTML page, an empty body): a proxy, WAF or load balancer answered,
                // possibly after forwarding the request. Whether MCE got it is unknown.
                return new MceCallException.OutcomeUnknown("HTTP " + status + " from an intermediary (not an MCE "
                        + "error body)", status, "INTERMEDIARY", http);
            }
            Duration retryAfter = MceFailures.retryAfter(http, clock.instant()).orElse(null);
            return new MceCallException.Retryable(text, status, code, "MCE", retryAfter, http);
        }
        return new MceCallException.Rejected(text, status, code, body == null ? "INTERMEDIARY" : "MCE", http);
    }

    /** MCE's errors carry {@code errorcode} (REST) or {@code error} (auth); anything else is not MCE's. */
    private JsonNode mceErrorBody(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() && (node.has("errorcode") || node.has("errorCode")
                    || node.has("error")) ? node : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    /** The connection was never established, so the request never left. */
    private static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpHostConnectException
                    || cause instanceof ConnectTimeoutException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
