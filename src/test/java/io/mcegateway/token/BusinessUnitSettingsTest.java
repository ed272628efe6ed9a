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

    static MceProperties mce(String authUrl, String clientId, Map<String, BusinessUnitProperties> units) {
        return new MceProperties(authUrl, null, clientId, Secret.of(clientId == null ? null : clientId + "-secret"),
                null, null, units, null, null, null);
    }

    static BusinessUnitProperties unit(String authUrl, String clientId, String accountId) {
        return new BusinessUnitProperties(authUrl, null, clientId,
                Secret.of(clientId == null ? null : clientId + "-secret"), accountId, null);
    }
}
