package io.mcegateway.mce;

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

    private final BusinessUnits units;
    private final TokenCache tokens;
    private final BusinessUnitGate gate;
    private final MceFailureClassifier classifier;
    private final MceCallMetrics metrics;

    public MceRestCall(BusinessUnits units, TokenCache tokens, BusinessUnitGate gate, MceFailureClassifier classifier,
            MceCallMetrics metrics) {
        this.units = units;
        this.tokens = tokens;
        this.gate = gate;
        this.classifier = classifier;
        this.metrics = metrics;
    }

    /** MCE answered with a success status. */
    public void answered(Exchange exchange) {
        metrics.answered(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class));
    }

    /** Before the first attempt: resolves the business unit, keeps the body for a possible resend, authorises. */
    public void prepare(Exchange exchange) {
        BusinessUnit unit = units.resolve(exchange.getProperty(UNIT, String.class));
        exchange.setProperty(MceHttp.BUSINESS_UNIT, unit);
        exchange.setProperty(REQUEST_BODY, exchange.getMessage().getBody(String.class));
        authorise(exchange);
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
        MceCallException typed = classifier.classify(caught);
        metrics.failed(typed);
        if (typed.status() == 429) {
            gate.pause(unit(exchange).name(), ((MceCallException.Retryable) typed).retryAfter().orElse(null));
        }
        throw typed;
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

    private void authorise(Exchange exchange) {
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
