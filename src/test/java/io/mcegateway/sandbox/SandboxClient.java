package io.mcegateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Drives a sandbox over HTTP the way a real client would, with java.net.http. */
final class SandboxClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final MceSandbox sandbox;
    private final HttpClient http;

    SandboxClient(MceSandbox sandbox) {
        this.sandbox = sandbox;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpResponse<String> requestToken(String body) {
        return send(post("/v2/token", body, null));
    }

    HttpResponse<String> requestToken(String clientId, String clientSecret, String accountId) {
        return requestToken("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId
                + "\",\"client_secret\":\"" + clientSecret + "\""
                + (accountId == null ? "" : ",\"account_id\":\"" + accountId + "\"") + "}");
    }

    /** A valid token for the default client's own business unit. */
    String token() {
        return token(null);
    }

    String token(String accountId) {
        HttpResponse<String> response = requestToken(SandboxSettings.DEFAULT_CLIENT_ID,
                SandboxSettings.DEFAULT_CLIENT_SECRET, accountId);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request answered " + response.statusCode());
        }
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> postJson(String path, String body, String token) {
        return send(post(path, body, token));
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    HttpResponse<String> control(String method, String path, String body) {
        return send(request(path, null)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build());
    }

    CompletableFuture<HttpResponse<String>> postJsonAsync(String path, String body, String token) {
        return http.sendAsync(post(path, body, token), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and lets IOExceptions through, for tests of broken connections and timeouts. */
    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest post(String path, String body, String token) {
        return request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .timeout(REQUEST_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** A single-send body: {@code {"definitionKey", "recipient":{"contactKey","to"}}}. */
    static String singleSend(String definitionKey, String contactKey, String to) {
        return "{\"definitionKey\":\"" + definitionKey + "\",\"recipient\":{\"contactKey\":\"" + contactKey
                + "\",\"to\":\"" + to + "\",\"attributes\":{\"FirstName\":\"Astro\"}}}";
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
