package io.mcegateway.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredTextTest {

    @Test
    void a_text_that_fits_is_kept_as_it_is() {
        assertThat(StoredText.fit("abc", 3)).isEqualTo("abc");
        assertThat(StoredText.fit(null, 3)).isNull();
    }

    @Test
    void a_longer_text_is_cut_to_the_column_size() {
        assertThat(StoredText.fit("abcdef", 4)).isEqualTo("abcd");
    }

    @Test
    void a_cut_never_splits_a_character_outside_the_basic_plane() {
        String text = "ab\uD83D\uDE00cd"; // "ab😀cd": the emoji is two chars, a surrogate pair.
        assertThat(StoredText.fit(text, 3)).isEqualTo("ab");
        assertThat(StoredText.fit(text, 4)).isEqualTo("ab\uD83D\uDE00");
    }
}
