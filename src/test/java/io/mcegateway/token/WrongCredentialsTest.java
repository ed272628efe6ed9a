package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.api.ApiKeys;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.support.GatewayClient;
import io.mcegateway.support.RunningGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/** Wrong credentials: no token storm, health says why, and a restart with the right ones recovers. */
class WrongCredentialsTest {

    static final String KEY = "wrong-credentials-test-key";

    MceSandbox mce;

    @BeforeEach
    void startMce() {
        mce = MceSandbox.start(SandboxSettings.defaults().withPort(0).withClient("right-id", "right-secret-value"));
    }

    @AfterEach
    void stopMce() {
        mce.close();
    }

    private RunningGateway gateway(String clientId, String secret) {
        return RunningGateway.start("mce.sandbox.enabled=false", "mce.auth-url=" + mce.baseUrl(),
                "mce.client-id=" + clientId, "mce.client-secret=" + secret,
                "gateway.api-keys=" + ApiKeys.digestOf(KEY));
    }

    @Test
    void wrong_credentials_fail_fast_show_in_health_and_recover_after_a_restart() throws Exception {
        try (RunningGateway gateway = gateway("right-id", "wrong-secret-value")) {
            GatewayClient client = gateway.client(KEY);
            Instant start = Instant.now();
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> response = client.sendEmail("wrong-" + i);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).contains("mce_credentials_rejected").doesNotContain("wrong-secret-value");
                awaitUntil(start.plus(Duration.ofMillis(100L * (i + 1))));
            }
            assertThat(mce.ledger().tokenRequestCount()).isLessThanOrEqualTo(2);
            var health = gateway.bean(HealthEndpoint.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(gateway.bean(HealthEndpoint.class).healthForPath("mceToken")))
                    .contains("invalid_client").doesNotContain("wrong-secret-value");
        }
        assertThat(mce.ledger().acceptedCounts("email")).isEmpty();

        try (RunningGateway gateway = gateway("right-id", "right-secret-value")) {
            assertThat(gateway.client(KEY).sendEmail("recovered-1").statusCode()).isEqualTo(202);
            assertThat(gateway.bean(HealthEndpoint.class).healthForPath("mceToken").getStatus()).isEqualTo(Status.UP);
        }
        assertThat(mce.ledger().acceptedCount("email", "recovered-1")).isEqualTo(1);
    }

    /** Paces the sends over 10 s without sleeping a fixed time: each send waits for its slot. */
    private static void awaitUntil(Instant slot) throws InterruptedException {
        long wait = Duration.between(Instant.now(), slot).toMillis();
        if (wait > 0) {
            new java.util.concurrent.CountDownLatch(1).await(wait, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
