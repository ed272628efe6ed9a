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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthComponent;
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
        return gateway(mce.baseUrl(), secret);
    }

    private RunningGateway gateway(String authUrl, String secret) {
        return RunningGateway.start("mce.sandbox.enabled=false", "mce.auth-url=" + authUrl,
                "mce.client-id=right-id", "mce.client-secret=" + secret,
                "gateway.api-keys=" + ApiKeys.digestOf(KEY), "gateway.instance-id=wrong-credentials-test",
                "spring.datasource.url=jdbc:h2:file:" + store.resolve("gateway") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0");
    }

    @Test
    void wrong_credentials_fail_fast_show_in_health_and_recover_after_a_restart() throws Exception {
        try (RunningGateway gateway = gateway("wrong-secret-value")) {
            GatewayClient client = gateway.client(KEY);
            sendPaced(client, "wrong-", 100, Duration.ofMillis(100));
            assertThat(mce.ledger().tokenRequestCount()).isBetween(1, 2);
            HealthEndpoint health = gateway.bean(HealthEndpoint.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            HealthComponent token = health.healthForPath("mceToken");
            assertThat(token.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(token)).contains("MCE rejected the credentials").contains("invalid_client")
                    .doesNotContain("wrong-secret-value");
            assertThat(client.status("email", "wrong-99")).isEqualTo("ACCEPTED");
        }
        assertThat(mce.ledger().acceptedCounts("email")).isEmpty();

        try (RunningGateway gateway = gateway("right-secret-value")) {
            Eventually.within(Duration.ofSeconds(30)).until(() -> mce.ledger().acceptedCounts("email").size() == 100);
            assertThat(mce.ledger().acceptedCounts("email").values()).containsOnly(1);
            assertThat(gateway.bean(HealthEndpoint.class).healthForPath("mceToken").getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void a_wrong_auth_url_shows_the_status_that_came_back_not_rejected_credentials() throws Exception {
        try (RunningGateway gateway = gateway(mce.baseUrl() + "/no-such-auth", "right-secret-value")) {
            GatewayClient client = gateway.client(KEY);
            sendPaced(client, "lost-", 10, Duration.ofMillis(100));
            HealthEndpoint health = gateway.bean(HealthEndpoint.class);
            Eventually.soon().until(() -> health.healthForPath("mceToken").getStatus().equals(Status.DOWN));

            HealthComponent token = health.healthForPath("mceToken");
            assertThat(String.valueOf(token)).contains("HTTP 404").contains("Resource not found")
                    .contains("mce.auth-url").doesNotContain("rejected the credentials")
                    .doesNotContain("right-secret-value");
            assertThat(mce.ledger().requestCount("unmatched")).as("token attempts").isEqualTo(1);
            assertThat(client.status("email", "lost-9")).isEqualTo("ACCEPTED");
        }
    }

    /** Sends {@code count} messages, one per {@code interval}, paced by a scheduler rather than by sleeping. */
    private static void sendPaced(GatewayClient client, String prefix, int count, Duration interval)
            throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            List<ScheduledFuture<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = prefix + i;
                sends.add(pacer.schedule(() -> client.sendEmail(key).statusCode(), interval.toMillis() * i,
                        TimeUnit.MILLISECONDS));
            }
            for (ScheduledFuture<Integer> send : sends) {
                assertThat(send.get(interval.toMillis() * count + 30_000, TimeUnit.MILLISECONDS)).isEqualTo(202);
            }
        } finally {
            pacer.shutdownNow();
        }
    }
}
