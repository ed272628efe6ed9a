package io.mcegateway.sandbox;

/**
 * JVM-wide switches of the JDK's built-in HTTP server that the sandbox needs to serve hundreds of clients
 * quickly and to close idle connections as MCE does. Values set explicitly with {@code -D} are respected.
 *
 * <p>Setting them in-process is safe here, with two limits worth knowing. The JDK reads them once, when the
 * first {@code com.sun.net.httpserver} server of the JVM is created ({@code sun.net.httpserver.ServerConfig}), so
 * they take effect only if {@link MceSandbox} starts the first one (it calls {@link #apply()} from its static
 * initialiser; KeepAliveTest would notice otherwise). And they apply to every such server in the JVM, not just the
 * sandbox: the gateway itself starts none (its API runs on Tomcat), but an application embedding the sandbox next
 * to its own JDK HTTP server would see that server close idle connections after 5 s too.
 */
final class JdkHttpServerTuning {

    /**
     * The server writes response headers and body as two TCP segments; with Nagle's algorithm the body then
     * waits for the client's delayed ACK (~40 ms on Linux), so each answer took ~45 ms instead of ~1 ms.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /**
     * After each response the server closes the connection, without telling the client, once this many are
     * idle (JDK default 200); a client pool above that size then writes into dead sockets. Kept above the
     * 500 concurrent clients the sandbox must serve.
     */
    static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";
    static final int IDLE_CONNECTIONS = 2048;

    /**
     * MCE closes keep-alive connections idle for 5 s (the JDK's default is 30 s), so a client that reuses older
     * pooled connections fails against the sandbox as it would against MCE. Seconds.
     */
    static final String IDLE_INTERVAL = "sun.net.httpserver.idleInterval";
    static final int IDLE_SECONDS = 5;

    /**
     * How often the server looks for idle connections: its default of 10 s would let one live up to 15 s.
     * Milliseconds; with 250 an idle connection is closed 5 to 5.25 s after its last answer.
     */
    static final String CLOCK_TICK = "sun.net.httpserver.clockTick";
    static final int CLOCK_TICK_MILLIS = 250;

    private JdkHttpServerTuning() {
    }

    static void apply() {
        setIfAbsent(NO_DELAY, "true");
        setIfAbsent(MAX_IDLE_CONNECTIONS, Integer.toString(IDLE_CONNECTIONS));
        setIfAbsent(IDLE_INTERVAL, Integer.toString(IDLE_SECONDS));
        setIfAbsent(CLOCK_TICK, Integer.toString(CLOCK_TICK_MILLIS));
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
