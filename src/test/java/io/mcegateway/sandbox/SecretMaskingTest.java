package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    @Test
    void masks_the_authorization_header_but_keeps_its_scheme_and_other_headers() {
        Map<String, List<String>> masked = SecretMasking.headers(Map.of(
                "Authorization", List.of("Bearer abc.def"), "Content-type", List.of("application/json")));

        assertThat(masked).containsEntry("Authorization", List.of("Bearer ****"))
                .containsEntry("Content-type", List.of("application/json"));
    }

    @Test
    void masks_client_secret_and_tokens_in_json_bodies() {
        String masked = SecretMasking.body("{\"client_id\":\"id\",\"client_secret\" : \"s3cr\\\"et\",\"access_token\":\"tok\"}");

        assertThat(masked).isEqualTo("{\"client_id\":\"id\",\"client_secret\" : \"****\",\"access_token\":\"****\"}");
    }

    @Test
    void shows_client_ids_but_not_secrets_in_settings_to_string() {
        String text = SandboxSettings.defaults().withClient("other", "very-secret").toString();

        assertThat(text).contains("sandbox-client-id", "other")
                .doesNotContain(SandboxSettings.DEFAULT_CLIENT_SECRET, "very-secret");
    }
}
