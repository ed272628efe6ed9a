package io.mcegateway.exchangelog;

import static io.mcegateway.exchangelog.TestMasking.hashOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextMaskerTest {

    private final Masker masker = TestMasking.masker();

    @Test
    void emails_in_prose_become_the_same_hash_as_anywhere_else() {
        String masked = masker.maskText("Recipient Jane.Doe@Example.com was rejected; see <jane.doe@example.com>.");

        assertThat(masked).isEqualTo("Recipient " + hashOf("jane.doe@example.com") + " was rejected; see <"
                + hashOf("jane.doe@example.com") + ">.");
    }

    @Test
    void url_encoded_emails_are_found_too() {
        assertThat(masker.maskText("GET /x?to=jane.doe%40example.com failed"))
                .isEqualTo("GET /x?to=" + hashOf("jane.doe@example.com") + " failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14155550100", "+1 415 555 0100", "+1-415-555-0100", "+1 (415) 555-0100",
            "+44 20 7946 0958", "+442079460958", "%2B442079460958", "(415) 555-0100", "415-555-0100",
            "415.555.0100", "1-415-555-0100", "4155550100", "442079460958"})
    void phone_numbers_in_the_supported_shapes_are_hashed(String phone) {
        assertThat(masker.maskText("Call " + phone + " now")).isEqualTo("Call " + hashOf(phone) + " now");
    }

    @ParameterizedTest
    @ValueSource(strings = {"020 7946 0958", "(020) 7946 0958", "(020) 7946-0958", "020-7946-0958",
            "07700 900123", "030 12345678", "06 12 34 56 78", "0044 20 7946 0958", "0201 123456"})
    void national_phone_numbers_in_prose_are_hashed(String phone) {
        assertThat(masker.maskText("please call " + phone + ", thanks")).isEqualTo("please call " + hashOf(phone)
                + ", thanks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"errorcode 109001", "HTTP 502 from port 8443", "MID 514000123",
            "at 2026-12-03T18:40:12.345+00:00", "requestId 239a2bc3-bdcb-4f8a-9e08-28aff9f983b7",
            "compositeId 1F3631D4-5497-E811-80E4-1402EC6B9540.214435.228431.1.231481617",
            "host 10.20.30.40:443", "took 1733250012.345 s", "version 4.18.0", "messageKey nFL4ULgheUeaGbPIMzJJSw",
            "order 12345678901234567890", "2026/12/03 18:40:12", "errorcode 50100 after 1080 s",
            "at 2026-12-03 18:40:11.000", "on 03 12 2026", "between 09 00 and 17 30", "took 0 ms, 12 ms, 4500 ms",
            "version 0.12.3", "requestId 01234567-0123-4567-8901-0123456789ab", "errorcode 0 109001 10002",
            "lastEventId 0035759 of 00035774"})
    void ordinary_numbers_ids_and_timestamps_are_kept(String text) {
        assertThat(masker.maskText(text)).isEqualTo(text);
    }

    @Test
    void a_phone_number_after_tel_colon_is_hashed_but_a_hash_is_never_hashed_again() {
        assertThat(masker.maskText("tel:4155550100")).isEqualTo("tel:" + hashOf("4155550100"));
        assertThat(masker.maskText("id hash:123456789012 ok")).isEqualTo("id hash:123456789012 ok");
    }

    @Test
    void a_bare_ten_digit_number_in_prose_is_hashed_because_it_could_be_a_phone() {
        assertThat(masker.maskText("epoch 1733250012")).isEqualTo("epoch " + hashOf("1733250012"));
    }

    @Test
    void an_all_digit_identifier_is_kept_but_an_email_used_as_one_is_not() {
        assertThat(masker.maskIdentifier("123456789012")).isEqualTo("123456789012");
        assertThat(masker.maskIdentifier("jane@example.com")).isEqualTo(hashOf("jane@example.com"));
        assertThat(masker.maskIdentifier("+14155550100")).isEqualTo(hashOf("+14155550100"));
    }

    @Test
    void bearer_and_basic_credentials_are_masked_and_the_scheme_kept() {
        assertThat(masker.maskText("Authorization: Bearer abc.DEF-123_xyz~ sent"))
                .isEqualTo("Authorization: Bearer *** sent");
        assertThat(masker.maskText("header basic dXNlcjpwYXNzd29yZA== end")).isEqualTo("header basic *** end");
        assertThat(masker.maskText("some basic information")).isEqualTo("some basic information");
    }

    @Test
    void jwt_like_tokens_are_masked_wherever_they_appear() {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl.ZmFrZQ";

        assertThat(masker.maskText("token was " + token + ".")).isEqualTo("token was ***.");
    }

    @Test
    void secret_and_personal_key_value_pairs_inside_text_are_masked() {
        assertThat(masker.maskText("redirect to https://h/cb?access_token=FAKE-opaque-1&state=ok"))
                .isEqualTo("redirect to https://h/cb?access_token=***&state=ok");
        assertThat(masker.maskText("body was {\"Client_Secret\": \"fake-secret-1\", \"client_id\": \"abc\"}"))
                .isEqualTo("body was {\"Client_Secret\": \"***\", \"client_id\": \"abc\"}");
        assertThat(masker.maskText("escaped {\\\"client_secret\\\":\\\"fake-secret-2\\\"}"))
                .isEqualTo("escaped {\\\"client_secret\\\":\\\"***\\\"}");
        assertThat(masker.maskText("FirstName: Mary Ann, LastName: O'Brien; ok"))
                .isEqualTo("FirstName: " + hashOf("Mary Ann") + ", LastName: " + hashOf("O'Brien") + "; ok");
        assertThat(masker.maskText("Cookie: session=fake1; other=fake2\nnext"))
                .isEqualTo("Cookie: ***\nnext");
    }

    @Test
    void a_name_after_an_equals_sign_is_hashed_whole_up_to_the_next_pair() {
        assertThat(masker.maskText("rejected name=Jane Doe status=400"))
                .isEqualTo("rejected name=" + hashOf("Jane Doe") + " status=400");
        assertThat(masker.maskText("firstName=Mary Ann lastName=O'Brien&x=1"))
                .isEqualTo("firstName=" + hashOf("Mary Ann") + " lastName=" + hashOf("O'Brien") + "&x=1");
        assertThat(masker.maskText("to=jane@example.com was rejected"))
                .isEqualTo("to=" + hashOf("jane@example.com") + " was rejected");
    }

    @Test
    void an_email_after_a_personal_name_ends_at_the_next_space() {
        assertThat(masker.maskText("to: jane@example.com was rejected"))
                .isEqualTo("to: " + hashOf("jane@example.com") + " was rejected");
    }

    @Test
    void known_secrets_are_masked_wherever_they_appear_also_url_encoded() {
        Masker withSecrets = TestMasking.masker(() -> List.of("fake+secret/value=", "opaque-token-123"));

        assertThat(withSecrets.maskText("x fake+secret/value= y fake%2Bsecret%2Fvalue%3D z opaque-token-123"))
                .isEqualTo("x *** y *** z ***");
    }

    @Test
    void known_secrets_shorter_than_six_characters_are_left_to_the_other_rules() {
        Masker withSecrets = TestMasking.masker(() -> List.of("abc"));

        assertThat(withSecrets.maskText("abcdef")).isEqualTo("abcdef");
    }

    @Test
    void a_failing_known_secrets_supplier_does_not_stop_masking() {
        Masker broken = TestMasking.masker(() -> {
            throw new IllegalStateException("vault down");
        });

        assertThat(broken.maskText("mail jane@example.com")).isEqualTo("mail " + hashOf("jane@example.com"));
    }

    @Test
    void an_html_page_keeps_its_markup_and_loses_its_contacts() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1>"
                + "<p>Contact ops@proxy.example or +1 415 555 0199.</p><hr><center>nginx/1.25.3</center></body></html>";

        assertThat(masker.maskText(page)).isEqualTo("<html><head><title>502 Bad Gateway</title></head><body>"
                + "<h1>502</h1><p>Contact " + hashOf("ops@proxy.example") + " or " + hashOf("+14155550199")
                + ".</p><hr><center>nginx/1.25.3</center></body></html>");
    }

    @Test
    void a_megabyte_of_text_that_almost_matches_does_not_hang_the_masker() {
        String blob = "A".repeat(500_000) + "@" + "b".repeat(500_000) + " x=" + "1".repeat(100_000);

        // Not a speed target: a quadratic detector would take hours here, a linear one milliseconds.
        String masked = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> masker.maskText(blob));

        assertThat(masked).isEqualTo(blob);
    }
}
