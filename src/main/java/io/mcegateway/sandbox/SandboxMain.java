package io.mcegateway.sandbox;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox on its own for manual use: {@code java -cp … io.mcegateway.sandbox.SandboxMain [port]}
 * (default {@value #DEFAULT_PORT}). The client id and secret can be set with the environment variables
 * {@code MCE_SANDBOX_CLIENT_ID} and {@code MCE_SANDBOX_CLIENT_SECRET}; otherwise the defaults of
 * {@link SandboxSettings#defaults()} apply. The secret is never printed.
 */
public final class SandboxMain {

    static final int DEFAULT_PORT = 8099;

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        SandboxSettings settings = SandboxSettings.defaults().withPort(port);
        String clientId = System.getenv("MCE_SANDBOX_CLIENT_ID");
        String clientSecret = System.getenv("MCE_SANDBOX_CLIENT_SECRET");
        if (clientId != null && clientSecret != null) {
            settings = settings.withClients(Map.of(clientId, clientSecret));
        }
        MceSandbox sandbox = MceSandbox.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "mce-sandbox-shutdown"));
        System.out.println("MCE sandbox listening on " + sandbox.baseUrl()
                + " (auth and REST base; control API under /sandbox/); client ids "
                + sandbox.settings().clients().keySet() + ". Stop with Ctrl+C.");
        stopped.await();
    }
}
