package io.mcegateway.exchangelog;

import static io.mcegateway.exchangelog.TestMasking.hashOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalValuesTest {

    private static final String SEND = """
            {"definitionKey":"order_confirm","recipient":{"contactKey":"ck-ada-5521","to":"ada@example.org",
             "attributes":{"FirstName":"Adalinde","LastName":"Lovelacewood","OrderNumber":"A-1","Campaign":"Winter"}}}
            """;

    private final Masker masker = TestMasking.masker();
    private final Masker forSend = masker.forRequest(SEND, "application/json", null);

    @Test
    void a_first_name_from_the_request_is_hashed_in_mce_prose_in_any_letter_case() {
        assertThat(forSend.maskText("Invalid attribute value 'Adalinde' for FirstName"))
                .isEqualTo("Invalid attribute value '" + hashOf("Adalinde") + "' for FirstName");
        assertThat(forSend.maskBody("<table><tr><td>ADALINDE</td><td>lovelacewood</td></tr></table>", "text/html"))
                .isEqualTo("<table><tr><td>" + hashOf("Adalinde") + "</td><td>" + hashOf("Lovelacewood")
                        + "</td></tr></table>");
    }

    @Test
    void values_in_an_mce_message_field_are_hashed_and_the_rest_of_the_answer_kept() {
        String answer = "{\"message\":\"InvalidValue for subscriber Adalinde Lovelacewood (ck-ada-5521)\","
                + "\"errorcode\":109001,\"documentation\":\"\"}";

        assertThat(forSend.maskBody(answer, "application/json")).isEqualTo("{\"message\":\"InvalidValue for "
                + "subscriber " + hashOf("Adalinde") + " " + hashOf("Lovelacewood") + " (" + hashOf("ck-ada-5521")
                + ")\",\"errorcode\":109001,\"documentation\":\"\"}");
    }

    @Test
    void a_name_of_several_words_is_hashed_whole_and_word_by_word() {
        Masker named = masker.forRequest("{\"recipient\":{\"name\":\"Jane Doe\"}}", "application/json", null);

        assertThat(named.maskText("for Jane Doe; later Doe again, also jane+doe in a query"))
                .isEqualTo("for " + hashOf("Jane Doe") + "; later " + hashOf("Doe") + " again, also "
                        + hashOf("Jane Doe") + " in a query");
    }

    @Test
    void only_whole_words_are_hashed_so_a_short_name_leaves_longer_words_alone() {
        Masker ann = masker.withPersonalValues(List.of("Ann"));

        assertThat(ann.maskText("Annual report for ann, see Joann")).isEqualTo("Annual report for " + hashOf("Ann")
                + ", see Joann");
    }

    @Test
    void values_under_plain_names_and_ids_are_not_taken_for_personal_data() {
        assertThat(forSend.maskText("order A-1 of campaign Winter, definition order_confirm"))
                .isEqualTo("order A-1 of campaign Winter, definition order_confirm");
    }

    @Test
    void short_numbers_and_the_groups_of_a_phone_number_are_not_hashed_on_their_own() {
        Masker phone = masker.forRequest("{\"to\":\"+44 20 7946 0958\",\"PostalCode\":\"12\"}", null, null);

        assertThat(phone.maskText("HTTP 20 after 12 ms; 7946 0958")).isEqualTo("HTTP 20 after 12 ms; 7946 0958");
    }

    @Test
    void personal_query_and_form_parameters_count_as_the_request_values() {
        Masker query = masker.forRequest(null, null, "https://mcfake.example/x?name=Grace%20Hopperstone&q=1");
        Masker form = masker.forRequest("grant_type=x&firstName=Gracelyn", "application/x-www-form-urlencoded",
                null);

        assertThat(query.maskText("no Hopperstone here")).isEqualTo("no " + hashOf("Hopperstone") + " here");
        assertThat(form.maskText("hello Gracelyn")).isEqualTo("hello " + hashOf("Gracelyn"));
    }

    @Test
    void ids_are_kept_even_when_they_equal_a_request_value() {
        assertThat(forSend.maskIdentifier("ck-ada-5521")).isEqualTo("ck-ada-5521");
    }

    @Test
    void a_request_that_is_not_json_after_all_still_gives_what_was_read_before_it_broke() {
        Masker truncated = masker.forRequest("{\"to\":\"x\",\"FirstName\":\"Gracelyn\",\"a\":", "application/json",
                null);

        assertThat(truncated.maskText("Gracelyn")).isEqualTo(hashOf("Gracelyn"));
    }
}
