package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcegateway.api.ApiKeys;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import io.mcegateway.support.GatewayProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A gateway in a process of its own, against its embedded sandbox, run through the token, send and status flows with
 * known secrets and personal data, faults included: token 500s, MCE 500s, a 401, a proxy's HTML 502 and a read
 * timeout. Afterwards it holds everything the gateway wrote (its whole standard output and error, the exchange-log
 * file) and everything an operator could fetch (support bundles for every signature and messageKey, health,
 * metrics), so that tests can scan all of it for the known values.
 * <p>
 * A process of its own, so that the scan covers every byte the gateway's JVM printed, and turning its logging to
 * DEBUG does not touch the tests around it.
 */
final class ExchangeLogScenario implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Known secrets: none may appear anywhere. */
    final String clientSecret = "e2eClientSecret" + random();
    final String apiKey = "e2e-api-key-" + random();
    final String hashKey = "e2e-hash-key-" + random();

    /** Known personal data, as the caller sends it. */
    static final String ADA_EMAIL = "ada.lovelace.e2e@example.org";
    static final String GRACE_EMAIL = "grace.hopper.e2e@example.net";
    static final String ALAN_EMAIL = "alan.turing.e2e@example.com";
    static final String ADA_CONTACT = "ck-ada-e2e-5521";
    static final String GRACE_CONTACT = "ck-grace-e2e-7730";
    static final String ADA_FIRST = "Adalinde";
    static final String ADA_LAST = "Lovelacewood";
    static final String GRACE_FIRST = "Gracelyn";
    static final String GRACE_LAST = "Hopperstone";
    static final String ADA_PHONE = "+44 20 7946 0958";
    static final String SMS_MOBILE = "+1 415 555 0142";

    /** MCE-style tokens of the sandbox: 96 random bytes, base64url: 128 characters. */
    static final Pattern SANDBOX_TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{128}(?![A-Za-z0-9_-])");

    final Path folder;
    final Path output;
    final Path exchangeLogFile;
    private final int sandboxPort;
    private final GatewayProcess gateway;
    private final GatewayClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Bundles fetched, by query; health and metrics as fetched at the end. */
    final Map<String, String> bundles = new LinkedHashMap<>();
    /** Exchange-log records written before the first bundle was asked for. */
    int recordsBeforeBundles;
    String health;
    String metrics;
    HttpResponse<String> bundleWithoutQuery;
    HttpResponse<String> bundleWithBothParameters;
    HttpResponse<String> bundleWithoutApiKey;

    private ExchangeLogScenario(Path folder, List<String> extraSettings) throws IOException {
        this.folder = folder;
        this.output = folder.resolve("gateway-output.log");
        this.exchangeLogFile = folder.resolve("mce-exchange.jsonl");
        this.sandboxPort = freePort();
        List<String> settings = new ArrayList<>(List.of(
                "mce.sandbox.port=" + sandboxPort,
                "mce.sandbox.client-secret=" + clientSecret,
                "gateway.api-keys=" + ApiKeys.digestOf(apiKey),
                "mce.exchange-log.hash-key=" + hashKey,
                "mce.exchange-log.file.path=" + exchangeLogFile,
                "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DB_CLOSE_DELAY=-1",
                // Short enough for the late-response fault to time out, long enough for a loaded build machine.
                "mce.http.response-timeout=2s"));
        settings.addAll(extraSettings);
        this.gateway = GatewayProcess.start(output, settings.toArray(String[]::new));
        this.client = gateway.client(apiKey);
    }

    /** An empty folder under target/exchange-log-e2e, kept after the run for whoever wants to read the output. */
    static Path freshFolder(String name) throws IOException {
        Path folder = Path.of("target", "exchange-log-e2e", name).toAbsolutePath();
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    /** Starts the gateway with these settings on top and runs every flow through it; the gateway is stopped after. */
    static ExchangeLogScenario run(Path folder, String... extraSettings) throws Exception {
        ExchangeLogScenario scenario = new ExchangeLogScenario(folder, List.of(extraSettings));
        try {
            scenario.runFlows();
            scenario.fetchWhatOperatorsSee();
        } finally {
            scenario.gateway.close();
        }
        return scenario;
    }

    private void runFlows() {
        // Token flow: two 500s from the auth API, retried, before the first token.
        fault("token", "{\"type\":\"http\",\"status\":500}", "{\"type\":\"http\",\"status\":500}");
        sendEmail("e2e-ada-1", ADA_CONTACT, ADA_EMAIL, ADA_FIRST, ADA_LAST);
        delivered("email", "e2e-ada-1");

        // Send flow: a batch of two and an SMS.
        assertThat(client.sendEmailBatch("""
                {"definitionKey":"e2e-welcome","recipients":[
                  {"contactKey":"%s","to":"%s","messageKey":"e2e-batch-ada",
                   "attributes":{"FirstName":"%s","LastName":"%s","Phone":"%s"}},
                  {"contactKey":"%s","to":"%s","messageKey":"e2e-batch-grace",
                   "attributes":{"FirstName":"%s","LastName":"%s"}}]}
                """.formatted(ADA_CONTACT, ADA_EMAIL, ADA_FIRST, ADA_LAST, ADA_PHONE, GRACE_CONTACT, GRACE_EMAIL,
                GRACE_FIRST, GRACE_LAST)).statusCode()).isEqualTo(202);
        assertThat(client.sendSms("e2e-sms-1", """
                {"definitionKey":"e2e-sms","recipient":{"contactKey":"%s","to":"%s",
                 "attributes":{"FirstName":"%s"}}}""".formatted(GRACE_CONTACT, SMS_MOBILE, GRACE_FIRST))
                .statusCode()).isEqualTo(202);
        delivered("email", "e2e-batch-ada");
        delivered("email", "e2e-batch-grace");
        delivered("sms", "e2e-sms-1");

        // Four MCE 500s, then success on the fifth attempt.
        fault("email-batch", "{\"type\":\"http\",\"status\":500}", "{\"type\":\"http\",\"status\":500}",
                "{\"type\":\"http\",\"status\":500}", "{\"type\":\"http\",\"status\":500}");
        sendEmail("e2e-500", GRACE_CONTACT, GRACE_EMAIL, GRACE_FIRST, GRACE_LAST);
        delivered("email", "e2e-500");

        // A 401 for a live token: one new token, one resend.
        fault("email-batch", "{\"type\":\"unauthorized\"}");
        sendEmail("e2e-401", ADA_CONTACT, ALAN_EMAIL, ADA_FIRST, GRACE_LAST);
        delivered("email", "e2e-401");

        // Status flow: a proxy's 502 page (not processed) and a read timeout (processed) leave the outcome
        // unknown; the gateway asks MCE for the status before anything else.
        fault("email-batch", "{\"type\":\"html-proxy-error\"}");
        sendEmail("e2e-proxy", ADA_CONTACT, ADA_EMAIL, ADA_FIRST, ADA_LAST);
        delivered("email", "e2e-proxy");
        fault("email-batch", "{\"type\":\"late-response\",\"millis\":4000}");
        sendEmail("e2e-late", GRACE_CONTACT, GRACE_EMAIL, GRACE_FIRST, GRACE_LAST);
        delivered("email", "e2e-late");

        // Every attempt reaches the exchange log file, off the calling thread.
        Eventually.soon().until(() -> records().stream().anyMatch(record -> record.path("status").asInt() == 200
                && record.path("method").asText().equals("GET")
                && record.path("messageKeys").toString().contains("e2e-late")));
    }

    private void fetchWhatOperatorsSee() {
        Set<String> queries = new LinkedHashSet<>();
        List<JsonNode> written = records();
        recordsBeforeBundles = written.size();
        for (JsonNode record : written) {
            if (record.path("classification").hasNonNull("signature")) {
                queries.add("signature=" + record.path("classification").path("signature").asText());
            }
            record.path("messageKeys").forEach(key -> queries.add("messageKey=" + key.asText()));
        }
        for (String query : queries) {
            int equals = query.indexOf('=');
            HttpResponse<String> bundle = client.get("/api/v1/support/bundle?" + query.substring(0, equals + 1)
                    + URLEncoder.encode(query.substring(equals + 1), StandardCharsets.UTF_8));
            assertThat(bundle.statusCode()).as(query).isEqualTo(200);
            bundles.put(query, bundle.body());
        }
        bundleWithoutQuery = client.get("/api/v1/support/bundle");
        bundleWithBothParameters = client.get("/api/v1/support/bundle?signature=500/0/MCE&messageKey=e2e-500");
        bundleWithoutApiKey = gateway.client(null).get("/api/v1/support/bundle?signature=500/0/MCE");
        health = get("http://127.0.0.1:" + gateway.port() + "/actuator/health");
        metrics = get("http://127.0.0.1:" + gateway.port() + "/actuator/prometheus");
    }

    /** The exchange log as written so far: one JSON object per line. */
    List<JsonNode> records() {
        List<JsonNode> records = new ArrayList<>();
        for (String line : read(exchangeLogFile).split("\n")) {
            if (!line.isBlank()) {
                try {
                    records.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("Not one JSON object per line: " + line, e);
                }
            }
        }
        return records;
    }

    JsonNode bundle(String query) {
        try {
            return JSON.readTree(bundles.get(query));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GatewayClient client() {
        return client;
    }

    /** Every text the gateway produced or served, by where it came from. */
    Map<String, String> everythingWritten() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("gateway output (stdout and stderr)", read(output));
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.getFileName().toString().startsWith("mce-exchange"))
                    .forEach(file -> texts.put("exchange log " + file.getFileName(), read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bundles.forEach((query, body) -> texts.put("support bundle " + query, body));
        texts.put("support bundle refusals", bundleWithoutQuery.body() + bundleWithBothParameters.body()
                + bundleWithoutApiKey.body());
        texts.put("health", health);
        texts.put("metrics", metrics);
        return texts;
    }

    /** The known secrets and personal data, in the forms they travel in. */
    List<String> knownValues() {
        return List.of(clientSecret, apiKey, hashKey,
                ADA_EMAIL, GRACE_EMAIL, ALAN_EMAIL, "ada.lovelace.e2e", "grace.hopper.e2e", "alan.turing.e2e",
                URLEncoder.encode(ADA_EMAIL, StandardCharsets.UTF_8),
                ADA_CONTACT, GRACE_CONTACT, ADA_FIRST, ADA_LAST, GRACE_FIRST, GRACE_LAST,
                ADA_PHONE, "442079460958", "7946 0958", SMS_MOBILE, "14155550142", "415 555 0142");
    }

    /** Asserts that no known value, and nothing shaped like a sandbox token, appears in anything written. */
    void assertNothingKnownWasWritten() {
        Map<String, String> texts = everythingWritten();
        assertThat(texts.get("gateway output (stdout and stderr)")).as("the gateway's output was captured")
                .contains("Started GatewayApplication");
        List<String> leaks = new ArrayList<>();
        texts.forEach((where, text) -> {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String value : knownValues()) {
                int at = lower.indexOf(value.toLowerCase(Locale.ROOT));
                if (at >= 0) {
                    leaks.add(where + ": " + value + " in ..." + excerpt(text, at) + "...");
                }
            }
            Matcher token = SANDBOX_TOKEN.matcher(text);
            if (token.find()) {
                leaks.add(where + ": an access token in ..." + excerpt(text, token.start()) + "...");
            }
        });
        assertThat(leaks).as("secrets or personal data written somewhere").isEmpty();
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 80)).replace('\n', ' ');
    }

    private void sendEmail(String key, String contactKey, String email, String first, String last) {
        assertThat(client.sendEmail(key, """
                {"definitionKey":"e2e-order","recipient":{"contactKey":"%s","to":"%s",
                 "attributes":{"FirstName":"%s","LastName":"%s","Phone":"%s"}}}
                """.formatted(contactKey, email, first, last, ADA_PHONE)).statusCode()).isEqualTo(202);
    }

    private void delivered(String channel, String key) {
        Eventually.within(Duration.ofSeconds(60)).until(() -> {
            String status = client.status(channel, key);
            return "SUBMITTED".equals(status) || "QUEUED".equals(status) || "SENT".equals(status);
        });
    }

    private void fault(String route, String... sequence) {
        String body = "{\"route\":\"" + route + "\",\"sequence\":[" + String.join(",", sequence) + "]}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandboxUrl("/sandbox/faults")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
    }

    private String sandboxUrl(String path) {
        return "http://127.0.0.1:" + sandboxPort + path;
    }

    private String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build()).body();
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

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[8];
        new java.security.SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        gateway.close();
    }
}
