package io.mcegateway.mce;

/** Names shared by the routes that call MCE over HTTP. */
public final class MceHttp {

    /**
     * The one HTTP endpoint every MCE call goes through, so that all of them share one connection pool and one
     * client configuration. The real target is set per call in the {@code CamelHttpUri} header. Failures become
     * {@code HttpOperationFailedException}, so that error handlers see them on the node that made the call and
     * a redelivery repeats the call itself.
     */
    public static final String ENDPOINT = "http://mce?throwExceptionOnFailure=true";

    /** Exchange property holding the {@link io.mcegateway.token.BusinessUnit} of the call. */
    public static final String BUSINESS_UNIT = "mceBusinessUnit";

    /** Exchange property holding the token the call was made with, for compare-and-invalidate on 401. */
    public static final String TOKEN = "mceToken";

    private MceHttp() {
    }
}
