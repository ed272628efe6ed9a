package io.mcegateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void a_configured_digest_accepts_its_key_and_nothing_else() {
        ApiKeys keys = ApiKeys.from(List.of(ApiKeys.digestOf("team-a-key"), ApiKeys.digestOf("team-b-key")),
                List.of("default"));
        assertThat(keys.accepts("team-a-key")).isTrue();
        assertThat(keys.accepts("team-b-key")).isTrue();
        assertThat(keys.accepts("team-c-key")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
        assertThat(keys.accepts(ApiKeys.DEVELOPMENT_KEY)).isFalse();
    }

    @Test
    void the_development_key_works_only_when_every_business_unit_is_on_the_sandbox_and_no_keys_are_set() {
        assertThat(ApiKeys.from(List.of(), List.of()).accepts(ApiKeys.DEVELOPMENT_KEY)).isTrue();
        assertThat(ApiKeys.from(List.of(ApiKeys.digestOf("team-a-key")), List.of()).accepts(ApiKeys.DEVELOPMENT_KEY))
                .isFalse();
        assertThatThrownBy(() -> ApiKeys.from(List.of(), List.of("default", "emea")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gateway.api-keys")
                .hasMessageContaining("'default', 'emea'");
    }

    @Test
    void a_malformed_digest_stops_start_up_without_echoing_it() {
        assertThatThrownBy(() -> ApiKeys.from(List.of("plain-text-key-oops"), List.of("default")))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("plain-text-key-oops");
    }
}
