package io.mcegateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcegateway.config.MceProperties;
import io.mcegateway.config.MceProperties.BusinessUnitProperties;
import io.mcegateway.config.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What BusinessUnits makes of the mce.* settings, without starting a gateway. */
class BusinessUnitSettingsTest {

    @Test
    void a_business_unit_name_longer_than_the_store_keeps_stops_start_up() {
        String name = "u".repeat(65);

        assertThatThrownBy(() -> BusinessUnits.from(mce("https://x.auth.example", "real-id",
                Map.of(name, unit(null, null, "510000001"))), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mce.business-units").hasMessageContaining("64 characters");
        assertThat(BusinessUnits.from(mce("https://x.auth.example", "real-id",
                Map.of("u".repeat(64), unit(null, null, "510000001"))), null).names()).contains("u".repeat(64));
    }

    @Test
    void with_the_sandbox_off_every_business_unit_reaches_real_mce() {
        BusinessUnits units = BusinessUnits.from(mce("https://x.auth.example", "real-id",
                Map.of("emea", unit(null, null, "510000001"))), null);

        assertThat(units.notOnSandbox(null)).containsExactly("default", "emea");
    }

    @Test
    void units_that_inherit_the_sandbox_credentials_are_on_the_sandbox() {
        BusinessUnits units = BusinessUnits.from(mce(null, null,
                Map.of("emea", unit(null, null, "510000001"))), SANDBOX);

        assertThat(units.notOnSandbox(SANDBOX)).isEmpty();
    }

    @Test
    void a_real_client_id_with_the_sandbox_on_is_not_on_the_sandbox() {
        assertThat(BusinessUnits.from(mce(null, "real-id", Map.of()), SANDBOX).notOnSandbox(SANDBOX))
                .as("sandbox URL, real credentials").containsExactly("default");
        assertThat(BusinessUnits.from(mce("https://x.auth.example", "real-id", Map.of()), SANDBOX)
                .notOnSandbox(SANDBOX)).as("real URL and credentials").containsExactly("default");
    }

    @Test
    void a_business_unit_with_its_own_package_or_host_is_not_on_the_sandbox() {
        BusinessUnits units = BusinessUnits.from(mce(null, null, Map.of(
                "own-package", unit(null, "emea-id", "510000001"),
                "own-host", unit("https://x.auth.example", null, "510000002"),
                "shared", unit(null, null, "510000003"))), SANDBOX);

        assertThat(units.notOnSandbox(SANDBOX)).containsExactlyInAnyOrder("own-package", "own-host");
    }

    @Test
    void a_rest_url_elsewhere_is_not_on_the_sandbox() {
        MceProperties restElsewhere = new MceProperties(null, "https://x.rest.example", null, null, null, null,
                Map.of(), null, null, null);

        assertThat(BusinessUnits.from(restElsewhere, SANDBOX).notOnSandbox(SANDBOX)).containsExactly("default");
    }

    private static final BusinessUnits.SandboxAccess SANDBOX = new BusinessUnits.SandboxAccess(
            "http://127.0.0.1:8099", "sandbox-client-id", Secret.of("sandbox-client-secret"));

    static MceProperties mce(String authUrl, String clientId, Map<String, BusinessUnitProperties> units) {
        return new MceProperties(authUrl, null, clientId, Secret.of(clientId == null ? null : clientId + "-secret"),
                null, null, units, null, null, null);
    }

    static BusinessUnitProperties unit(String authUrl, String clientId, String accountId) {
        return new BusinessUnitProperties(authUrl, null, clientId,
                Secret.of(clientId == null ? null : clientId + "-secret"), accountId, null);
    }
}
