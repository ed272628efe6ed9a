package io.mcegateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcegateway.api.ApiKeys;
import io.mcegateway.support.RunningGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The hash key of the exchange log: required against real MCE, random with the sandbox, read from the environment. */
class ExchangeLogSettingsTest {

    @Test
    void with_the_sandbox_and_no_key_a_random_key_stands_in() {
        byte[] first = ExchangeLogConfiguration.hashKey(null, List.of());
        byte[] second = ExchangeLogConfiguration.hashKey(null, List.of());

        assertThat(first).hasSize(32).isNotEqualTo(second);
    }

    @Test
    void a_configured_key_is_used_as_given() {
        assertThat(ExchangeLogConfiguration.hashKey(Secret.of("a-fixed-key-of-24-bytes!"), List.of("default")))
                .isEqualTo("a-fixed-key-of-24-bytes!".getBytes());
    }

    @Test
    void the_key_is_read_from_the_environment_variable_the_readme_names() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource("env",
                Map.of("MCE_EXCHANGE_LOG_HASH_KEY", "from-the-environment-0123"));

        assertThat(new Binder(ConfigurationPropertySources.from(environment))
                .bind("mce.exchange-log.hash-key", String.class).get()).isEqualTo("from-the-environment-0123");
    }

    @Test
    void a_gateway_for_real_mce_without_a_hash_key_refuses_to_start() {
        assertThatThrownBy(() -> RunningGateway.start("mce.sandbox.enabled=false",
                        "mce.auth-url=http://127.0.0.1:9", "mce.client-id=some-client", "mce.client-secret=some-secret",
                        "gateway.api-keys=" + ApiKeys.digestOf("some-key"), "mce.exchange-log.hash-key="))
                .rootCause().hasMessageContaining("mce.exchange-log.hash-key is empty")
                .hasMessageContaining("MCE_EXCHANGE_LOG_HASH_KEY");
    }

    @Test
    void the_sandbox_forced_on_beside_a_real_client_id_still_needs_a_hash_key() {
        assertThatThrownBy(() -> RunningGateway.start("mce.sandbox.enabled=true", "mce.client-id=real-client",
                        "mce.client-secret=real-secret-value", "gateway.api-keys=" + ApiKeys.digestOf("some-key"),
                        "mce.exchange-log.hash-key="))
                .rootCause().hasMessageContaining("mce.exchange-log.hash-key is empty")
                .hasMessageContaining("[default]")
                .message().doesNotContain("real-secret-value");
    }

    @Test
    void a_hash_key_shorter_than_16_bytes_is_refused_without_showing_it() {
        assertThatThrownBy(() -> RunningGateway.start("mce.exchange-log.hash-key=short-key"))
                .rootCause().hasMessageContaining("mce.exchange-log.hash-key is too short")
                .message().doesNotContain("short-key");
    }
}
