package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An answer ready to put on the wire; built by the endpoints, written by {@link SandboxHttpHandler}. */
record SandboxResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html";

    SandboxResponse {
        headers = Map.copyOf(headers);
    }

    static SandboxResponse json(int status, JsonNode body) {
        return new SandboxResponse(status, JSON, Map.of(), Json.bytes(body));
    }

    static SandboxResponse json(int status, JsonNode body, Map<String, String> headers) {
        return new SandboxResponse(status, JSON, headers, Json.bytes(body));
    }

    static SandboxResponse html(int status, String body) {
        return new SandboxResponse(status, HTML, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
