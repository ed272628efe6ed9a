package io.mcegateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathSegmentTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            plain-key_1.~     | plain-key_1.~
            a%20b             | a b
            a+b               | a+b
            %C3%A9t%c3%a9     | \u00e9t\u00e9
            a%2Fb             | a/b
            100%2525          | 100%25
            """)
    void a_segment_is_percent_decoded_as_utf_8(String raw, String decoded) {
        assertThat(PathSegment.decode(raw, "messageKey")).isEqualTo(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad%C3", "bad%", "bad%2", "bad%zz", "bad%FF"})
    void a_segment_that_is_not_percent_encoded_utf_8_is_refused_naming_the_field(String raw) {
        assertThatThrownBy(() -> PathSegment.decode(raw, "messageKey"))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("messageKey: ");
    }

    @Test
    void a_segment_is_counted_from_the_end_of_the_path_without_the_query() {
        assertThat(PathSegment.fromEnd("/api/v2/email/messages/a%20b/replay?x=%20", 1, "messageKey"))
                .isEqualTo("a b");
        assertThat(PathSegment.fromEnd("/api/v1/email/messages/k", 0, "messageKey")).isEqualTo("k");
    }
}
