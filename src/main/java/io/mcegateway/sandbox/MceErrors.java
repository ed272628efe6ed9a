package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The error bodies MCE sends: the REST shape {@code message/errorcode/documentation} and the OAuth shape. */
final class MceErrors {

    static final String ERROR_HANDLING_DOC =
            "https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm";
    static final String OAUTH_ERROR_URI = "https://developer.salesforce.com/docs";

    private MceErrors() {
    }

    /** 401 for a missing, unknown or expired bearer token (reference §1.4; errorcode 0 as in the docs' table). */
    static SandboxResponse notAuthorized() {
        return generic(401, "Not Authorized", 0, ERROR_HANDLING_DOC);
    }

    /** 400 for a request-level Transactional Messaging error; TM errors carry an empty documentation link. */
    static SandboxResponse badRequest(TmError error, String detail) {
        return generic(400, error.message(detail), error.code(), "");
    }

    static SandboxResponse generic(int status, String message, int errorcode, String documentation) {
        return SandboxResponse.json(status, body(message, errorcode, documentation));
    }

    static SandboxResponse generic(int status, String message, int errorcode, String documentation,
                                   Map<String, String> headers) {
        return SandboxResponse.json(status, body(message, errorcode, documentation), headers);
    }

    static SandboxResponse oauth(int status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        body.put("error_uri", OAUTH_ERROR_URI);
        return SandboxResponse.json(status, body);
    }

    private static ObjectNode body(String message, int errorcode, String documentation) {
        ObjectNode body = Json.object();
        body.put("message", message);
        body.put("errorcode", errorcode);
        body.put("documentation", documentation);
        return body;
    }
}
