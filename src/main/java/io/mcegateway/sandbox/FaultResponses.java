package io.mcegateway.sandbox;

import java.util.Map;

/** The answers an injected fault gives in place of the simulated MCE (reference §3.2, §3.3). */
final class FaultResponses {

    static final String PROXY_502_PAGE = "<html><head><title>502 Bad Gateway</title></head><body>"
            + "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    private FaultResponses() {
    }

    /** For faults that answer without processing: http, rate-limit, html-proxy-error, unauthorized. */
    static SandboxResponse of(Fault fault, String routeId) {
        return switch (fault.kind()) {
            case HTTP -> httpError(fault);
            case RATE_LIMIT -> fault.retryAfterSeconds() != null
                    ? rateLimited(fault.retryAfterSeconds())
                    : MceErrors.generic(429, "Your requests are temporarily blocked.", 50200, MceErrors.ERROR_HANDLING_DOC);
            case HTML_PROXY_ERROR -> SandboxResponse.html(502, PROXY_502_PAGE);
            case UNAUTHORIZED -> RouteIds.TOKEN.equals(routeId)
                    ? MceErrors.oauth(401, "invalid_client", TokenEndpoint.INVALID_CLIENT_DESCRIPTION)
                    : MceErrors.notAuthorized();
            default -> throw new IllegalArgumentException(fault.kind() + " does not answer in place of MCE");
        };
    }

    private static SandboxResponse rateLimited(int retryAfterSeconds) {
        // Body field order as in the documented example: message, errorcode, retryAfter, documentation.
        var body = Json.object();
        body.put("message", "Rate limit exceeded");
        body.put("errorcode", 50100);
        body.put("retryAfter", retryAfterSeconds);
        body.put("documentation", MceErrors.ERROR_HANDLING_DOC);
        return SandboxResponse.json(429, body, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    private static SandboxResponse httpError(Fault fault) {
        int status = fault.status();
        if (status == 503) {
            int retryAfter = fault.retryAfterSeconds() != null
                    ? fault.retryAfterSeconds() : Fault.DEFAULT_SERVICE_UNAVAILABLE_RETRY_AFTER;
            return MceErrors.generic(503, "Service Unavailable", 50300, MceErrors.ERROR_HANDLING_DOC,
                    Map.of("Retry-After", Integer.toString(retryAfter)));
        }
        return fault.retryAfterSeconds() == null
                ? MceErrors.generic(status, reasonPhrase(status), 0, MceErrors.ERROR_HANDLING_DOC)
                : MceErrors.generic(status, reasonPhrase(status), 0, MceErrors.ERROR_HANDLING_DOC,
                        Map.of("Retry-After", Integer.toString(fault.retryAfterSeconds())));
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Not Authorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 504 -> "Gateway Timeout";
            case 596 -> "Service Not Found";
            default -> "Error";
        };
    }
}
