package io.mcegateway.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The gateway in a process of its own, for tests that kill it with SIGKILL and start it again. */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the gateway from this test JVM's classpath and waits until its health endpoint answers UP. */
    public static GatewayProcess start(Path log, String... properties) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // As pom.xml gives the tests: the sandbox's connection-reset fault then sends a real TCP reset.
                "--add-opens", "jdk.httpserver/sun.net.httpserver=ALL-UNNAMED",
                "-Dspring.config.additional-location=optional:classpath:/test-config/",
                "-cp", System.getProperty("java.class.path"),
                "io.mcegateway.GatewayApplication",
                "--spring.profiles.active=test", "--server.port=" + port, "--spring.main.banner-mode=off"));
        for (String property : properties) {
            command.add("--" + property);
        }
        Process process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        GatewayProcess gateway = new GatewayProcess(process, port);
        Eventually.within(Duration.ofSeconds(90)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway process exited with " + process.exitValue()
                        + "; see " + log);
            }
            return gateway.healthy();
        });
        return gateway;
    }

    public int port() {
        return port;
    }

    public GatewayClient client(String apiKey) {
        return new GatewayClient(port, apiKey);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in memory is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
