package io.mcegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.support.RunningGateway;
import org.junit.jupiter.api.Test;

/** With the sandbox off and an auth URL configured, the gateway talks to that host and nothing else. */
class ExternalMceHostTest {

    @Test
    void the_gateway_uses_only_the_configured_mce_host() {
        String key = "external-host-test-key";
        try (MceSandbox mce = MceSandbox.start(SandboxSettings.defaults().withPort(0)
                        .withClient("ext-client", "ext-secret-value"));
                RunningGateway gateway = RunningGateway.start("mce.sandbox.enabled=false",
                        "mce.auth-url=http://127.0.0.1:" + mce.port(), "mce.client-id=ext-client",
                        "mce.client-secret=ext-secret-value", "gateway.api-keys=" + ApiKeys.digestOf(key))) {

            assertThat(gateway.hasBean(MceSandbox.class)).isFalse();
            assertThat(gateway.client(key).sendEmail("external-1").statusCode()).isEqualTo(202);
            io.mcegateway.support.Eventually.soon().until(() -> mce.ledger().acceptedCount("email", "external-1") == 1);
            assertThat(gateway.client(ApiKeys.DEVELOPMENT_KEY).sendEmail("external-2").statusCode())
                    .as("the development key is for the sandbox only").isEqualTo(401);
            assertThat(mce.ledger().tokenRequestCount()).isEqualTo(1);
            assertThat(mce.ledger().acceptedCount("email", "external-1")).isEqualTo(1);
        }
    }

    @Test
    void with_the_sandbox_forced_on_and_a_real_client_id_the_development_key_does_not_start_the_gateway() {
        // The sandbox runs, but the default business unit would use real credentials at a real auth URL.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunningGateway.start("mce.sandbox.enabled=true",
                        "mce.auth-url=http://127.0.0.1:9", "mce.client-id=some-client", "mce.client-secret=some-secret"))
                .rootCause().hasMessageContaining("gateway.api-keys").hasMessageContaining("'default'")
                .hasMessageContaining("sandbox");
    }

    @Test
    void without_api_keys_a_gateway_for_real_mce_refuses_to_start() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunningGateway.start("mce.sandbox.enabled=false",
                        "mce.auth-url=http://127.0.0.1:9", "mce.client-id=some-client", "mce.client-secret=some-secret"))
                .rootCause().hasMessageContaining("gateway.api-keys");
    }
}
