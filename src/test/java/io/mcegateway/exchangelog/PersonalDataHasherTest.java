package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonalDataHasherTest {

    private final PersonalDataHasher hasher =
            new PersonalDataHasher(TestMasking.HASH_KEY.getBytes(StandardCharsets.UTF_8));

    @Test
    void a_hash_is_the_prefix_and_twelve_hex_digits() {
        assertThat(hasher.hash("jane.doe@example.com")).matches("hash:[0-9a-f]{12}");
    }

    @Test
    void the_same_person_gets_the_same_hash_so_records_correlate() {
        assertThat(hasher.hash("Jane.Doe@Example.com")).isEqualTo(hasher.hash(" jane.doe@example.com"))
                .isEqualTo(hasher.hash("jane.doe%40example.com"));
        assertThat(hasher.hash("+1 (415) 555-0100")).isEqualTo(hasher.hash("+14155550100"))
                .isEqualTo(hasher.hash("%2B14155550100"));
    }

    @Test
    void different_people_get_different_hashes() {
        assertThat(hasher.hash("jane@example.com")).isNotEqualTo(hasher.hash("john@example.com"));
    }

    @Test
    void the_hash_depends_on_the_key_so_it_cannot_be_recomputed_without_it() {
        PersonalDataHasher other = new PersonalDataHasher("another-test-only-hash-key".getBytes(StandardCharsets.UTF_8));

        assertThat(other.hash("jane@example.com")).isNotEqualTo(hasher.hash("jane@example.com"));
    }

    @Test
    void recognises_its_own_output() {
        assertThat(PersonalDataHasher.isHash(hasher.hash("x"))).isTrue();
        assertThat(PersonalDataHasher.isHash("hash:short")).isFalse();
    }
}
