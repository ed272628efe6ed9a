package io.mcegateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcegateway.config.GatewayProperties;
import io.mcegateway.config.MceProperties;
import io.mcegateway.config.SendProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Camel JBang runs read the gateway's settings exactly as Spring Boot binds them. */
class LocalSettingsTest {

    @Test
    void with_nothing_set_both_runtimes_get_the_same_defaults() {
        assertThat(local(Map.of()).mce()).isEqualTo(spring(Map.of()));
    }

    @Test
    void the_same_settings_give_the_same_values_in_both_runtimes() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mce.auth-url", "https://tenant.auth.marketingcloudapis.com");
        settings.put("mce.client-id", "client");
        settings.put("mce.client-secret", "secret-value");
        settings.put("mce.account-id", "510000001");
        settings.put("mce.business-units.emea.account-id", "510000002");
        settings.put("mce.business-units.apac.client-id", "other-client");
        settings.put("mce.business-units.apac.client-secret", "other-secret");
        settings.put("mce.token.expiry-margin", "90s");
        settings.put("mce.token.retry.max-redeliveries", "6");
        settings.put("mce.token.retry.initial-delay", "250ms");
        settings.put("mce.token.retry.multiplier", "1.5");
        settings.put("mce.token.retry.max-delay", "PT45S");
        settings.put("mce.http.response-timeout", "2m");
        settings.put("mce.http.max-connections", "20");
        settings.put("mce.sandbox.enabled", "true");
        settings.put("mce.sandbox.port", "0");
        settings.put("mce.sandbox.duplicate-key-window", "3d");
        settings.put("mce.sandbox.not-sent-ratio", "0.25");

        MceProperties local = local(settings).mce();

        assertThat(local).isEqualTo(spring(settings));
        assertThat(local.token().retry().initialDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(local.businessUnits()).containsOnlyKeys("emea", "apac");
    }

    @Test
    void send_and_gateway_settings_get_the_same_defaults_in_both_runtimes() {
        assertThat(local(Map.of()).send()).isEqualTo(springSend(Map.of()));
        assertThat(local(Map.of()).gateway()).isEqualTo(springGateway(Map.of()));
    }

    @Test
    void the_same_send_and_gateway_settings_give_the_same_values_in_both_runtimes() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mce.send.batch-size", "200");
        settings.put("mce.send.batch-window", "1500");
        settings.put("mce.send.poll-interval", "100ms");
        settings.put("mce.send.claim-lease", "5m");
        settings.put("mce.send.max-requests-per-period", "2");
        settings.put("mce.send.throttle-period", "2s");
        settings.put("mce.send.rate-limit-pause", "PT45S");
        settings.put("mce.send.max-body-size", "512KB");
        settings.put("mce.send.retry.max-redeliveries", "5");
        settings.put("mce.send.retry.initial-delay", "200ms");
        settings.put("mce.send.retry.multiplier", "3.5");
        settings.put("gateway.instance-id", "laptop-1");
        settings.put("gateway.api-keys", "sha256:aa,sha256:bb");

        SendProperties send = local(settings).send();

        assertThat(send).isEqualTo(springSend(settings));
        assertThat(send.throttlePeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(send.batchWindow()).isEqualTo(Duration.ofMillis(1500));
        assertThat(local(settings).gateway()).isEqualTo(springGateway(settings));
    }

    @Test
    void send_limits_are_checked_as_spring_validates_them() {
        assertThatThrownBy(() -> local(Map.of("mce.send.batch-size", "2001")).send())
                .hasMessageContaining("mce.send.batch-size");
        assertThatThrownBy(() -> local(Map.of("mce.send.max-requests-per-period", "0")).send())
                .hasMessageContaining("mce.send.max-requests-per-period");
    }

    @Test
    void the_store_defaults_to_an_h2_file_of_local_runs_and_takes_spring_boot_names() {
        assertThat(local(Map.of()).database().url()).isEqualTo(LocalSettings.DEFAULT_DATABASE_URL)
                .startsWith("jdbc:h2:file:./data/local-run/");
        LocalSettings.Database postgres = local(Map.of("spring.datasource.url", "jdbc:postgresql://db:5432/gateway",
                "spring.datasource.username", "gateway", "spring.datasource.password", "pw")).database();
        assertThat(postgres.url()).isEqualTo("jdbc:postgresql://db:5432/gateway");
        assertThat(postgres.username()).isEqualTo("gateway");
        assertThat(postgres.password().reveal()).isEqualTo("pw");
    }

    @Test
    void the_sandbox_runs_without_a_client_id_unless_forced() {
        assertThat(LocalSettings.sandboxEnabled(local(Map.of()).mce())).isTrue();
        assertThat(LocalSettings.sandboxEnabled(local(Map.of("mce.client-id", "c")).mce())).isFalse();
        assertThat(LocalSettings.sandboxEnabled(local(Map.of("mce.client-id", "c", "mce.sandbox.enabled", "true"))
                .mce())).isTrue();
        assertThat(LocalSettings.sandboxEnabled(local(Map.of("mce.sandbox.enabled", "false")).mce())).isFalse();
    }

    @Test
    void api_keys_are_a_comma_separated_list() {
        assertThat(local(Map.of()).apiKeys()).isEmpty();
        assertThat(local(Map.of("gateway.api-keys", " sha256:aa , sha256:bb ")).apiKeys())
                .containsExactly("sha256:aa", "sha256:bb");
    }

    @Test
    void a_malformed_value_names_the_setting_but_never_shows_the_value() {
        assertThatThrownBy(() -> local(Map.of("mce.token.wait-timeout", "soon-ish")).mce())
                .hasMessageContaining("mce.token.wait-timeout").hasMessageNotContaining("soon-ish");
    }

    private static LocalSettings local(Map<String, String> settings) {
        Properties all = new Properties();
        all.putAll(settings);
        return new LocalSettings(name -> Optional.ofNullable(settings.get(name)), all);
    }

    private static SendProperties springSend(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("mce.send", SendProperties.class);
    }

    private static GatewayProperties springGateway(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("gateway",
                GatewayProperties.class);
    }

    private static MceProperties spring(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("mce", MceProperties.class);
    }
}
