package io.mcegateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Drives the gateway's own API over HTTP, as an internal system would. */
public final class GatewayClient {

    public static final String DEV_KEY = "mce-gateway-dev-key";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    public GatewayClient(int port) {
        this(port, DEV_KEY);
    }

    public GatewayClient(int port, String apiKey) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.apiKey = apiKey;
    }

    public HttpResponse<String> sendSms(String messageKey, String body) {
        return post("/api/v1/sms/messages/" + messageKey, body);
    }

    public HttpResponse<String> sendEmailBatch(String body) {
        return post("/api/v1/email/messages", body);
    }

    public HttpResponse<String> message(String channel, String messageKey) {
        return get("/api/v1/" + channel + "/messages/" + messageKey);
    }

    /** The message's status as the gateway reports it, e.g. SUBMITTED; null when the gateway does not know it. */
    public String status(String channel, String messageKey) {
        HttpResponse<String> response = message(channel, messageKey);
        if (response.statusCode() == 404) {
            return null;
        }
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"status\":\"([A-Z_]+)\"")
                .matcher(response.body());
        return status.find() ? status.group(1) : null;
    }

    public HttpResponse<String> sendEmail(String messageKey, String body) {
        return post("/api/v1/email/messages/" + messageKey, body);
    }

    public HttpResponse<String> sendEmail(String messageKey) {
        return sendEmail(messageKey, emailBody("contact-" + messageKey, "someone+" + messageKey + "@example.com"));
    }

    public static String emailBody(String contactKey, String to) {
        return """
                {"definitionKey":"order-confirmation",
                 "recipient":{"contactKey":"%s","to":"%s","attributes":{"FirstName":"Alex"}}}
                """.formatted(contactKey, to);
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        return send(headers.length == 0 ? builder.build() : builder.headers(headers).build());
    }

    /**
     * A POST with the given Content-Type, or none when null, and the given body, or none when null: the requests
     * that {@link #post} (always JSON) cannot make.
     */
    public HttpResponse<String> postAs(String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path).POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return send(contentType == null ? builder.build() : builder.header("Content-Type", contentType).build());
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        return apiKey == null ? builder : builder.header("Authorization", "Bearer " + apiKey);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Gateway call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
