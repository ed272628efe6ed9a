package io.mcegateway.mce;

import org.apache.camel.builder.RouteBuilder;

/**
 * The one route that talks HTTP to MCE, and the exchange log's hook into it (guidance Point 3). Every attempt,
 * including Camel's redeliveries and the resend after a 401, passes through {@code mce-http-call} once, succeeds or
 * fails, and is handed to the exchange log through a Wire Tap: the record is read off the exchange on the calling
 * thread (plain strings, no masking yet), and everything else happens on the exchange log's own thread, so that
 * logging neither slows nor breaks a call. Java DSL: machinery integration teams have no reason to edit.
 */
public final class MceHttpCallRoutes extends RouteBuilder {

    static final String RECORD = "direct:record-mce-exchange";

    private final MceExchangeCapture capture;
    private final ExchangeRecorder recorder;
    private final String httpEndpoint;

    /**
     * @param httpEndpoint where the HTTP call goes: {@link MceHttp#HTTP_ENDPOINT}, or a stub in tests
     */
    public MceHttpCallRoutes(MceExchangeCapture capture, ExchangeRecorder recorder, String httpEndpoint) {
        this.capture = capture;
        this.recorder = recorder;
        this.httpEndpoint = httpEndpoint;
    }

    @Override
    public void configure() {
        // Called by token-attempt (TokenRoutes) and mce-authorised-exchange (MceRestRoutes) through MceHttp.ENDPOINT.
        // No error handler of its own: a failure goes back unchanged to the caller's error handling, whose
        // redelivery comes through here again as the next attempt.
        from(MceHttp.ENDPOINT).routeId("mce-http-call")
                .description("One HTTP attempt at MCE, recorded in the masked exchange log through a wire tap")
                .errorHandler(noErrorHandler())
                .process(capture::requestSent).id("note-mce-request")
                .doTry()
                    .to(httpEndpoint).id("call-mce")
                    .process(capture::responseReceived).id("note-mce-response")
                .doFinally()
                    .process(capture::completed).id("note-mce-outcome")
                    .wireTap(RECORD).dynamicUri(false).executorService(recorder.executor())
                        .onPrepare(capture::detach).id("tap-mce-exchange")
                    .process(capture::forget).id("forget-mce-exchange")
                .end();

        // Called by the wire tap above only, on the exchange log's thread.
        from(RECORD).routeId("record-mce-exchange")
                .description("Classifies, masks and records one MCE exchange, off the calling thread")
                .errorHandler(noErrorHandler())
                .process(recorder::record).id("record-in-exchange-log");
    }
}
