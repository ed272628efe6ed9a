package io.mcegateway.mce;

import io.mcegateway.token.CredentialsRejectedException;
import io.mcegateway.token.TokenUnavailableException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;

/** The one way routes call the MCE REST API (Java DSL: machinery that integration teams need not edit). */
public final class MceRestRoutes extends RouteBuilder {

    public static final String REST_CALL = "direct:mce-rest-call";
    static final String AUTHORISED_EXCHANGE = "direct:mce-authorised-exchange";

    private final MceRestCall call;

    public MceRestRoutes(MceRestCall call) {
        this.call = call;
    }

    @Override
    public void configure() {
        // Called by the send and status routes with mceMethod, mcePath and the JSON body.
        // No error handler of its own: failures go back to the calling route, whose error handling (retries,
        // replies to the gateway API) decides what they mean there.
        from(REST_CALL).routeId("mce-rest-call")
                .description("Calls the MCE REST API for a business unit: call slot, token, typed failures")
                .errorHandler(noErrorHandler())
                .process(call::prepare).id("prepare-mce-call")
                .process(call::enterGate).id("wait-for-business-unit-gate")
                .doTry()
                    // The token is taken inside the slot: the wait for it (a send ahead, a 429 pause) can outlast
                    // a token taken before, which would then cost a 401 and a second token request. A token
                    // request waited for here holds up only calls that need the same token.
                    .process(call::authorise).id("authorise-mce-call")
                    .to(AUTHORISED_EXCHANGE).id("exchange-with-mce")
                    .process(call::answered).id("count-mce-answer")
                // No token, at first or for the resend after a 401 (which MCE refused): nothing is unknown.
                .doCatch(CredentialsRejectedException.class, TokenUnavailableException.class)
                    .process(call::noToken).id("pass-on-token-failure")
                .doCatch(Exception.class)
                    .process(call::failed).id("classify-mce-failure")
                .doFinally()
                    .process(call::leaveGate).id("leave-business-unit-gate")
                .end();

        // Called by mce-rest-call only, inside the business unit's call slot.
        from(AUTHORISED_EXCHANGE).routeId("mce-authorised-exchange")
                .description("One MCE REST exchange; after a 401 one new token and one resend")
                .errorHandler(noErrorHandler())
                .doTry()
                    .to(MceHttp.ENDPOINT).id("call-mce-rest")
                .doCatch(HttpOperationFailedException.class).onWhen(MceRestCall::isUnauthorized)
                    .process(call::reauthorise).id("reauthorise-after-401")
                    .to(MceHttp.ENDPOINT).id("call-mce-rest-after-401")
                .end();
    }
}
