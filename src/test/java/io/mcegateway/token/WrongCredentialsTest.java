package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.api.ApiKeys;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.support.Eventually;
import io.mcegateway.support.GatewayClient;
import io.mcegateway.support.RunningGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/** Wrong credentials: no token storm, health says why, nothing is lost, and a restart with the right ones recovers. */
class WrongCredentialsTest {

    static final String KEY = "wrong-credentials-test-key";

    @TempDir
    Path store;

    MceSandbox mce;

    @BeforeEach
    void startMce() {
        mce = MceSandbox.start(SandboxSettings.defaults().withPort(0).withClient("right-id", "right-secret-value"));
    }

    @AfterEach
    void stopMce() {
        mce.close();
    }

    private RunningGateway gateway(String secret) {
        return RunningGateway.start("mce.sandbox.enabled=false", "mce.auth-url=" + mce.baseUrl(),
                "mce.client-id=right-id", "mce.client-secret=" + secret,
                "gateway.api-keys=" + ApiKeys.digestOf(KEY), "gateway.instance-id=wrong-credentials-test",
                "spring.datasource.url=jdbc:h2:file:" + store.resolve("gateway") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0");
    }

    @Test
    void wrong_credentials_fail_fast_show_in_health_and_recover_after_a_restart() throws Exception {
        try (RunningGateway gateway = gateway("wrong-secret-value")) {
            GatewayClient client = gateway.client(KEY);
            Instant start = Instant.now();
            for (int i = 0; i < 100; i++) {
                assertThat(client.sendEmail("wrong-" + i).statusCode()).isEqualTo(202);
                awaitUntil(start.plus(Duration.ofMillis(100L * (i + 1))));
            }
            assertThat(mce.ledger().tokenRequestCount()).isBetween(1, 2);
            HealthEndpoint health = gateway.bean(HealthEndpoint.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.healthForPath("mceToken")))
                    .contains("invalid_client").doesNotContain("wrong-secret-value");
            assertThat(client.status("email", "wrong-99")).isEqualTo("ACCEPTED");
        }
        assertThat(mce.ledger().acceptedCounts("email")).isEmpty();

        try (RunningGateway gateway = gateway("right-secret-value")) {
            Eventually.within(Duration.ofSeconds(30)).until(() -> mce.ledger().acceptedCounts("email").size() == 100);
            assertThat(mce.ledger().acceptedCounts("email").values()).containsOnly(1);
            assertThat(gateway.bean(HealthEndpoint.class).healthForPath("mceToken").getStatus()).isEqualTo(Status.UP);
        }
    }

    /** Paces the sends over 10 s without a fixed sleep: each send waits for its slot. */
    private static void awaitUntil(Instant slot) throws InterruptedException {
        long wait = Duration.between(Instant.now(), slot).toMillis();
        if (wait > 0) {
            new CountDownLatch(1).await(wait, TimeUnit.MILLISECONDS);
        }
    }
}
