package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw sockets, so that no client connection pool hides what the server does with idle connections. */
class KeepAliveTest {

    private static final int CONNECTIONS = 250;

    private MceSandbox sandbox;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        sandbox = MceSandbox.start(SandboxSettings.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sandbox.close();
    }

    @Test
    void keeps_250_idle_keep_alive_connections_usable() throws IOException {
        for (int i = 0; i < CONNECTIONS; i++) {
            Socket socket = new Socket("127.0.0.1", sandbox.port());
            socket.setSoTimeout(5000);
            sockets.add(socket);
            assertThat(exchange(socket)).isEqualTo(401);
        }

        // The JDK server's default closes every connection beyond 200 idle ones right after its answer.
        int usable = 0;
        for (Socket socket : sockets) {
            usable += exchange(socket) == 401 ? 1 : 0;
        }
        assertThat(usable).isEqualTo(CONNECTIONS);
    }

    @Test
    void closes_a_keep_alive_connection_idle_for_5_seconds_as_mce_does() throws IOException {
        Socket socket = new Socket("127.0.0.1", sandbox.port());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        assertThat(exchange(socket)).isEqualTo(401);
        long answered = System.nanoTime();

        // The read blocks until the server closes the idle connection: the wait is the measurement, no sleep.
        assertThat(socket.getInputStream().read()).as("end of stream: the server closed").isEqualTo(-1);
        Duration idle = Duration.ofNanos(System.nanoTime() - answered);

        assertThat(idle).isBetween(Duration.ofMillis(4900), Duration.ofMillis(6500));
    }

    /** Sends one unauthenticated status request; returns the status, or -1 when the server had closed the socket. */
    private static int exchange(Socket socket) {
        try {
            socket.getOutputStream().write(("GET /messaging/v1/email/messages/k HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return -1;
            }
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            in.readNBytes(length);
            return Integer.parseInt(head.substring(9, 12));
        } catch (IOException e) {
            return -1;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
