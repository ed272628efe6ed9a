package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxSettingsTest {

    @Test
    void defaults_follow_the_documented_mce_values() {
        SandboxSettings defaults = SandboxSettings.defaults();

        assertThat(defaults.port()).isZero();
        assertThat(defaults.clients()).isEqualTo(Map.of("sandbox-client-id", "sandbox-client-secret"));
        assertThat(defaults.tokenLifetime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(defaults.expiresInMargin()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.duplicateKeyWindow()).isEqualTo(Duration.ofDays(2));
        assertThat(defaults.statusDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.notSentRatio()).isZero();
        assertThat(defaults.maxRecipients()).isEqualTo(2000);
    }

    @Test
    void withers_change_one_value_and_keep_the_rest() {
        SandboxSettings changed = SandboxSettings.defaults().withStatusDelay(Duration.ZERO).withClient("b", "s");

        assertThat(changed.statusDelay()).isZero();
        assertThat(changed.clients()).containsOnlyKeys("sandbox-client-id", "b");
        assertThat(changed.tokenLifetime()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void refuses_values_that_make_no_sense() {
        assertThatThrownBy(() -> SandboxSettings.defaults().withNotSentRatio(1.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSettings.defaults().withTokenLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSettings.defaults().withStatusDelay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSettings.defaults().withMaxRecipients(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSettings.defaults().withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
