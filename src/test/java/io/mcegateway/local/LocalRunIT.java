package io.mcegateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.support.GatewayClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's local run, black box: {@code routes/} under Camel JBang 4.17.0 (no Spring Boot) against the embedded
 * sandbox, started with {@code local-run/run.sh --dev} (the plain jar, {@code config/local.properties} and the same
 * options as {@code camel run}) in a JVM of its own, from a copy of {@code routes/} and {@code config/} that the test
 * may edit (its message store, the default H2 file under ./data/local-run, is in that copy too, so every run starts
 * empty). An email goes the whole durable way: the gateway API stores it (202), the send flow's poller, batching,
 * throttle and MCE call deliver it, and the API then reports it SUBMITTED. Runs after {@code package} (failsafe),
 * which built the plain jar. Ports are free ones, so it can run beside a running gateway.
 */
class LocalRunIT {

    /**
     * About 10 s once ~/.m2 holds Camel JBang; on a fresh machine run.sh first resolves it from Maven Central (about
     * 100 s here), which this bound must cover.
     */
    private static final Duration STARTUP = Duration.ofSeconds(300);
    /** Backstop: Camel JBang stops by itself even if this test is killed before it can stop it. */
    private static final int MAX_SECONDS = 180;
    /** From acceptance to SUBMITTED: poll interval, batch window and the MCE call take about 2 s with defaults. */
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final String ROUTE_FILE = "routes/gateway-api.camel.yaml";
    private static final String BASE_PATH_LINE = "    path: /api/v1\n";
    private static final String EDITED_BASE_PATH_LINE = "    path: /api/v2\n";
    private static final String SEND_PATH = "/api/v1/email/messages/";
    private static final String EDITED_SEND_PATH = "/api/v2/email/messages/";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path workDir;
    private Path log;
    private Process camel;
    private int apiPort;
    private int sandboxPort;

    @BeforeEach
    void startCamelJBang() throws Exception {
        workDir = Path.of("target", "local-run-it").toAbsolutePath();
        deleteRecursively(workDir);
        copyFolder(Path.of("routes"), workDir.resolve("routes"));
        copyFolder(Path.of("config"), workDir.resolve("config"));
        log = workDir.resolve("camel-jbang.log");
        apiPort = freePort();
        do {
            sandboxPort = freePort();
        } while (sandboxPort == apiPort);

        // The README's offline-capable way, with the options of a test run.
        List<String> command = List.of("bash", Path.of("local-run", "run.sh").toAbsolutePath().toString(),
                "--dev",
                "--max-seconds=" + MAX_SECONDS,
                "--logging-color=false",
                "--prop=camel.server.port=" + apiPort,
                "--prop=mce.sandbox.port=" + sandboxPort,
                // The README's worked example: a retry delay from config, changed for this run.
                "--prop=mce.token.retry.initial-delay=50ms");
        ProcessBuilder start = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().put("JAVA_HOME", System.getProperty("java.home"));
        camel = start.start();

        // Ready when the sandbox answers and the YAML route refuses a request without a key (route and check up).
        GatewayClient noKey = new GatewayClient(apiPort, null);
        try {
            await("Camel JBang serving the gateway API").atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .failFast("Camel JBang exited", () -> !camel.isAlive())
                    .until(() -> ledgerSummary() != null
                            && noKey.sendEmail("readiness-probe").statusCode() == 401);
        } catch (RuntimeException notReady) {
            throw new AssertionError(notReady.getMessage() + "\n" + tail(), notReady);
        }
    }

    @AfterEach
    void stopCamelJBang() throws InterruptedException {
        if (camel == null) {
            return;
        }
        camel.descendants().forEach(ProcessHandle::destroy);
        camel.destroy();
        if (!camel.waitFor(20, TimeUnit.SECONDS)) {
            camel.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_yaml_routes_accept_and_deliver_an_email_under_camel_jbang_and_reload_when_edited() throws Exception {
        HttpResponse<String> refused = new GatewayClient(apiPort, null).sendEmail("jbang-no-key");
        assertThat(refused.statusCode()).as(tail()).isEqualTo(401);
        assertThat(refused.body()).contains("\"error\":\"unauthorized\"");
        assertThat(new GatewayClient(apiPort, "guessed-key").sendEmail("jbang-wrong-key").statusCode()).isEqualTo(401);

        // Two token failures first: the token route's retry configuration (a Java route) must recover from them,
        // with the retry delay of this run (50 ms; the default 1 s would space the attempts by 3 s and more).
        post("http://127.0.0.1:" + sandboxPort + "/sandbox/faults",
                "{\"route\":\"token\",\"sequence\":[{\"type\":\"http\",\"status\":500},{\"type\":\"http\",\"status\":500}]}");
        GatewayClient gateway = new GatewayClient(apiPort);
        HttpResponse<String> accepted = gateway.sendEmail("jbang-1");

        // Accepted into the store (202), then delivered by the send flow: poller, batch, throttle, MCE call.
        assertThat(accepted.statusCode()).as(accepted.body() + "\n" + tail()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"messageKey\":\"jbang-1\"").contains("\"status\":\"ACCEPTED\"");
        awaitDelivered(gateway, SEND_PATH, "jbang-1", 1);
        JsonNode tokenRequests = sandbox("/sandbox/ledger").get("tokenRequests");
        assertThat(tokenRequests).as("one token after two retried failures").hasSize(3);
        assertThat(Duration.between(Instant.parse(tokenRequests.get(0).get("at").asText()),
                Instant.parse(tokenRequests.get(2).get("at").asText())))
                .as("time from the first token attempt to the third").isLessThan(Duration.ofSeconds(2));

        // Edit the REST DSL while it runs, as --dev allows: serve the API under another base path.
        Path route = workDir.resolve(ROUTE_FILE);
        String original = Files.readString(route);
        assertThat(original).as("the route file this test edits").contains(BASE_PATH_LINE);
        Files.writeString(route, original.replace(BASE_PATH_LINE, EDITED_BASE_PATH_LINE));

        AtomicInteger attempt = new AtomicInteger();
        AtomicReference<String> editedKey = new AtomicReference<>();
        await("the edited route reloaded (log: " + log + ")").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    editedKey.set("jbang-edited-" + attempt.incrementAndGet());
                    return gateway.post(EDITED_SEND_PATH + editedKey.get(),
                            GatewayClient.emailBody("c-edited", "edited@example.com")).statusCode() == 202;
                });
        awaitDelivered(gateway, EDITED_SEND_PATH, editedKey.get(), 2);
        assertThat(new GatewayClient(apiPort, null).post(EDITED_SEND_PATH + "jbang-edited-no-key",
                GatewayClient.emailBody("c", "a@example.com")).statusCode())
                .as("the reloaded routes keep the API key check").isEqualTo(401);
        assertThat(gateway.sendEmail("jbang-old-path").statusCode()).isEqualTo(404);
    }

    @Test
    void bad_requests_get_the_gateways_own_answers_under_camel_jbang() throws Exception {
        GatewayClient gateway = new GatewayClient(apiPort);
        String body = GatewayClient.emailBody("c", "a@example.com");

        // No Content-Type on a replay (the README's curl -X POST), another one on a send: the gateway answers.
        HttpResponse<String> replay = gateway.postAs(SEND_PATH + "never-posted/replay", null, null);
        assertThat(replay.statusCode()).as(replay.body() + "\n" + tail()).isEqualTo(404);
        assertThat(replay.body()).contains("\"error\":\"not_found\"");
        HttpResponse<String> text = gateway.postAs(SEND_PATH + "jbang-text", "text/plain", body);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).contains("\"error\":\"unsupported_media_type\"");
        assertThat(new GatewayClient(apiPort, null).postAs(SEND_PATH + "jbang-text-no-key", "text/plain", body)
                .statusCode()).as("the key is checked first").isEqualTo(401);

        // A path key is the decoded segment, as under Spring Boot.
        HttpResponse<String> encoded = gateway.sendEmail("jbang%20key%2Fone");
        assertThat(encoded.statusCode()).isEqualTo(202);
        assertThat(encoded.body()).contains("\"messageKey\":\"jbang key/one\"");
        HttpResponse<String> notUtf8 = gateway.sendEmail("jbang%C3");
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(notUtf8.body()).contains("\"field\":\"messageKey\"");

        // Over mce.send.max-body-size (5 MB) and under the HTTP server's own limit (10 MB): the gateway's 413.
        HttpResponse<String> tooBig = gateway.sendEmail("jbang-too-big", "{\"definitionKey\":\"d\",\"recipient\":"
                + "{\"contactKey\":\"c\",\"to\":\"a@example.com\",\"attributes\":{\"Note\":\""
                + "x".repeat(6_000_000) + "\"}}}");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("\"error\":\"payload_too_large\"");
        assertThat(gateway.status("email", "jbang-too-big")).isNull();
    }

    /** Waits (bounded) until the sandbox has accepted {@code accepted} emails and the gateway reports SUBMITTED. */
    private void awaitDelivered(GatewayClient gateway, String sendPath, String messageKey, int accepted) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            await("email " + messageKey + " delivered to the sandbox").atMost(DELIVERY)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        HttpResponse<String> record = gateway.get(sendPath + messageKey);
                        last.set(record.statusCode() + " " + record.body());
                        JsonNode summary = ledgerSummary();
                        return summary != null && summary.at("/acceptedMessages/email").asInt() == accepted
                                && record.statusCode() == 200
                                && "SUBMITTED".equals(json.readTree(record.body()).path("status").asText());
                    });
        } catch (RuntimeException notDelivered) {
            throw new AssertionError(notDelivered.getMessage() + "; last GET: " + last.get() + "\n" + tail(),
                    notDelivered);
        }
    }

    private JsonNode ledgerSummary() throws IOException, InterruptedException {
        return sandbox("/sandbox/ledger/summary");
    }

    /** A GET on the sandbox's control API; null unless it answers 200. */
    private JsonNode sandbox(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + sandboxPort + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    private void post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isBetween(200, 299);
    }

    /** The end of Camel JBang's output, for failure messages. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "Camel JBang log (" + log + "), last lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no Camel JBang log at " + log + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
