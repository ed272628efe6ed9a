package io.mcegateway.sandbox;

/**
 * JVM-wide switches of the JDK's built-in HTTP server that the sandbox needs to serve hundreds of clients
 * quickly. The JDK reads them once, when its first {@code HttpServer} is created, and they concern
 * {@code com.sun.net.httpserver} only. Values set explicitly with {@code -D} are respected.
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

    private JdkHttpServerTuning() {
    }

    static void apply() {
        setIfAbsent(NO_DELAY, "true");
        setIfAbsent(MAX_IDLE_CONNECTIONS, Integer.toString(IDLE_CONNECTIONS));
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
