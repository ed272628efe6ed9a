package io.mcegateway.mce;

import io.mcegateway.exchangelog.Masker;
import io.mcegateway.token.AccessToken;
import io.mcegateway.token.BusinessUnit;
import io.mcegateway.token.BusinessUnits;
import io.mcegateway.token.TokenCache;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares each call to the MCE REST API: the business unit's token, the target URL and clean headers. Inputs are
 * exchange properties set by the calling route, so no inbound header can leak to MCE:
 * {@value #METHOD}, {@value #PATH} (relative to the REST base, already encoded) and optionally {@value #UNIT}.
 */
public final class MceRestCall {

    public static final String METHOD = "mceMethod";
    public static final String PATH = "mcePath";
    public static final String UNIT = "mceBusinessUnitName";
    /** Optional {@link CallAdmission} passed inside the call slot, before each request leaves. */
    public static final String ADMISSION = "mceCallAdmission";
    private static final String REQUEST_BODY = "mceRequestBody";
    private static final String GATE_HELD = "mceGateHeld";
    /** The masker for this call's request: MCE's texts about it are masked as its exchange-log record is. */
    private static final String TEXT_MASKER = "mceTextMasker";

    private final BusinessUnits units;
    private final TokenCache tokens;
    private final BusinessUnitGate gate;
    private final MceFailureClassifier classifier;
    private final MceCallMetrics metrics;
    private final Masker masker;

    /**
     * @param masker the exchange log's masker, for MCE's error texts that end up in messages' last errors and the
     *               application log
     */
    public MceRestCall(BusinessUnits units, TokenCache tokens, BusinessUnitGate gate, MceFailureClassifier classifier,
            MceCallMetrics metrics, Masker masker) {
        this.units = units;
        this.tokens = tokens;
        this.gate = gate;
        this.classifier = classifier;
        this.metrics = metrics;
        this.masker = masker;
    }

    /**
     * A text MCE sent back about this exchange's request (a recipient's {@code message} in a 202), masked as the
     * exchange log masks the exchange, so that it can be stored and shown. Null when the exchange did not go
     * through {@value MceRestRoutes#REST_CALL}: unmasked MCE text is never handed out.
     */
    public static String maskedAnswerText(Exchange exchange, String text) {
        Masker forRequest = exchange.getProperty(TEXT_MASKER, Masker.class);
        return forRequest == null || text == null ? null : forRequest.maskText(text);
    }

    /** MCE answered with a success status. */
    public void answered(Exchange exchange) {
        metrics.answered(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class));
    }

    /** Before the call slot: resolves the business unit and keeps the body for a possible resend. */
    public void prepare(Exchange exchange) {
        BusinessUnit unit = units.resolve(exchange.getProperty(UNIT, String.class));
        exchange.setProperty(MceHttp.BUSINESS_UNIT, unit);
        String body = exchange.getMessage().getBody(String.class);
        exchange.setProperty(REQUEST_BODY, body);
        // Collects the request's personal values only if a text is ever masked with it.
        exchange.setProperty(TEXT_MASKER, masker.forRequest(body, "application/json", null));
    }

    /**
     * After a 401 ("Not Authorized"): the token was revoked or expired early. Forget it if it is still the cached
     * one, take a fresh one and restore the request for exactly one more attempt.
     */
    public void reauthorise(Exchange exchange) throws InterruptedException {
        BusinessUnit unit = exchange.getProperty(MceHttp.BUSINESS_UNIT, BusinessUnit.class);
        tokens.invalidate(unit, exchange.getProperty(MceHttp.TOKEN, AccessToken.class));
        exchange.setException(null);
        exchange.getMessage().setBody(exchange.getProperty(REQUEST_BODY, String.class));
        authorise(exchange);
        // The resend is a request of its own.
        admit(exchange);
    }

    /** Waits for the business unit's call slot and for any rate-limit pause to end. */
    public void enterGate(Exchange exchange) throws InterruptedException {
        gate.enter(unit(exchange).name());
        exchange.setProperty(GATE_HELD, true);
        try {
            admit(exchange);
        } catch (InterruptedException | RuntimeException e) {
            leaveGate(exchange);
            throw e;
        }
    }

    public void leaveGate(Exchange exchange) {
        if (exchange.getProperty(GATE_HELD, false, Boolean.class)) {
            exchange.removeProperty(GATE_HELD);
            gate.leave(unit(exchange).name());
        }
    }

    /**
     * Any failure of the call: typed for the calling route's error handling. A 429 first pauses every call to the
     * business unit, before this call gives back its slot.
     */
    public void failed(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught instanceof CallNotAdmittedException notAdmitted) {
            // The admission before the resend after a 401 refused it: nothing left, so nothing for MCE's metrics.
            throw notAdmitted;
        }
        MceCallException typed = classifier.classify(caught, exchange.getProperty(TEXT_MASKER, Masker.class));
        metrics.failed(typed);
        if (typed.status() == 429) {
            gate.pause(unit(exchange).name(), ((MceCallException.Retryable) typed).retryAfter().orElse(null));
        }
        throw typed;
    }

    /**
     * No token could be had (credentials refused, auth API down): MCE processed nothing with this call, so the
     * failure goes back unchanged, for the caller to wait for a token rather than treat the outcome as unknown.
     */
    public void noToken(Exchange exchange) throws Exception {
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    private static void admit(Exchange exchange) throws InterruptedException {
        CallAdmission admission = exchange.getProperty(ADMISSION, CallAdmission.class);
        if (admission != null) {
            admission.admit(exchange);
            // An admission may narrow the request: the resend after a 401 carries what was admitted.
            exchange.setProperty(REQUEST_BODY, exchange.getMessage().getBody(String.class));
        }
    }

    private static BusinessUnit unit(Exchange exchange) {
        return exchange.getProperty(MceHttp.BUSINESS_UNIT, BusinessUnit.class);
    }

    /** Inside the call slot, just before the request leaves: a token usable now, the target URL, clean headers. */
    public void authorise(Exchange exchange) {
        BusinessUnit unit = exchange.getProperty(MceHttp.BUSINESS_UNIT, BusinessUnit.class);
        AccessToken token = tokens.get(unit);
        exchange.setProperty(MceHttp.TOKEN, token);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, exchange.getProperty(METHOD, "POST", String.class));
        message.setHeader(Exchange.HTTP_URI, McePaths.join(token.restBaseUrl(), exchange.getProperty(PATH, String.class)));
        message.setHeader("Authorization", token.authorizationHeader());
        message.setHeader("Accept", "application/json");
        if (message.getBody() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
    }

    /** True when the exchange failed with MCE's 401 for the token. */
    public static boolean isUnauthorized(Exchange exchange) {
        Throwable failure = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure instanceof org.apache.camel.http.base.HttpOperationFailedException http
                && http.getStatusCode() == 401;
    }
}
