package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcegateway.exchangelog.MaskingRules.FieldClass;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MaskingRulesTest {

    private final MaskingRules rules = MaskingRules.defaults(TestMasking.HASH_KEY);

    @ParameterizedTest
    @ValueSource(strings = {"client_secret", "Client_Secret", "CLIENT_SECRET", "clientSecret", "client-secret",
            "access_token", "ACCESS_TOKEN", "accessToken", "refresh_token", "Authorization", "authorization",
            "Proxy-Authorization", "X-Api-Key", "api_key", "Cookie", "Set-Cookie", "password", "id_token", "token",
            "x-mc-auth-token", "db_password", "legacyCredentials"})
    void secret_names_match_whatever_their_case_and_separators(String name) {
        assertThat(rules.classify(name)).isEqualTo(FieldClass.SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"to", "TO", "email", "EmailAddress", "email_address", "phone", "mobileNumber",
            "contactKey", "SubscriberKey", "firstName", "last_name", "name", "fullName", "address",
            "Billing_Email__c", "Mobile_Phone", "phoneNumber"})
    void personal_names_and_stems_match_whatever_their_case(String name) {
        assertThat(rules.classify(name)).isEqualTo(FieldClass.PERSONAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messageKey", "definitionKey", "requestId", "errorcode", "status", "compositeId"})
    void ids_are_identifiers(String name) {
        assertThat(rules.classify(name)).isEqualTo(FieldClass.IDENTIFIER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UserAttribute_1", "expires_in", "token_type", "rest_instance_url", "scope", "message",
            "grant_type", "client_id", "Content-Type"})
    void other_names_are_plain(String name) {
        assertThat(rules.classify(name)).isEqualTo(FieldClass.PLAIN);
    }

    @Test
    void configured_attributes_become_personal_and_the_defaults_stay() {
        MaskingRules extended = rules.withPersonalNames(List.of("FirstName", "LoyaltyTier"));

        assertThat(extended.classify("LoyaltyTier")).isEqualTo(FieldClass.PERSONAL);
        assertThat(extended.classify("loyalty_tier")).isEqualTo(FieldClass.PERSONAL);
        assertThat(extended.classify("client_secret")).isEqualTo(FieldClass.SECRET);
        assertThat(extended.classify("to")).isEqualTo(FieldClass.PERSONAL);
        assertThat(rules.classify("LoyaltyTier")).as("the original rules are unchanged").isEqualTo(FieldClass.PLAIN);
    }

    @Test
    void added_secret_names_win_over_personal_ones() {
        MaskingRules extended = rules.withSecretNames(List.of("sessionKey")).withPersonalNames(List.of("sessionKey"));

        assertThat(extended.classify("SessionKey")).isEqualTo(FieldClass.SECRET);
    }

    @Test
    void the_defaults_cannot_be_removed_because_there_is_no_way_to_remove_a_name() {
        assertThat(MaskingRules.class.getMethods())
                .extracting(method -> method.getName().toLowerCase())
                .noneMatch(name -> name.contains("remove") || name.contains("without") || name.contains("disable"));
        assertThat(rules.secretNames()).contains("clientsecret", "accesstoken", "authorization");
    }

    @Test
    void a_missing_or_short_hash_key_is_refused() {
        assertThatThrownBy(() -> MaskingRules.defaults((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskingRules.defaults(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskingRules.defaults("too-short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void to_string_does_not_show_the_hash_key() {
        assertThat(rules.toString()).doesNotContain(TestMasking.HASH_KEY);
    }
}
