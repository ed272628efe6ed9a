package io.mcegateway.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh sandbox with default settings for each test, and a client holding a valid token for it. */
abstract class AuthorisedSandboxTest {

    protected MceSandbox sandbox;
    protected SandboxClient client;
    protected String token;

    @BeforeEach
    void startSandbox() {
        sandbox = MceSandbox.start(SandboxSettings.defaults());
        client = new SandboxClient(sandbox);
        token = client.token();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }
}
