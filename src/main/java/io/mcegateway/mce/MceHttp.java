package io.mcegateway.mce;

/** Names shared by the routes that call MCE over HTTP. */
public final class MceHttp {

    /**
     * Where every call to MCE goes, token and REST alike: the {@code mce-http-call} route
     * ({@link MceHttpCallRoutes}), which makes one HTTP attempt through {@link #HTTP_ENDPOINT} and records it in the
     * masked exchange log. Routes send here and never to the HTTP endpoint itself, so no MCE exchange can bypass the
     * log. Failures come back unchanged ({@code HttpOperationFailedException}, an {@code IOException}), so that
     * error handlers see them on the node that made the call and a redelivery repeats the call itself.
     */
    public static final String ENDPOINT = "direct:mce-http-call";

    /**
     * The one HTTP endpoint for MCE, so that all calls share one connection pool and one client configuration. The
     * real target is set per call in the {@code CamelHttpUri} header. Only {@code mce-http-call} sends here.
     */
    public static final String HTTP_ENDPOINT = "http://mce?throwExceptionOnFailure=true";

    /** Exchange property holding the {@link io.mcegateway.token.BusinessUnit} of the call. */
    public static final String BUSINESS_UNIT = "mceBusinessUnit";

    /** Exchange property holding the token the call was made with, for compare-and-invalidate on 401. */
    public static final String TOKEN = "mceToken";

    private MceHttp() {
    }
}
