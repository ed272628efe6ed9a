package io.mcegateway.exchangelog;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** Shared fixtures: a fake hash key and maskers built on it. */
final class TestMasking {

    static final String HASH_KEY = "test-only-hash-key-not-a-real-one";

    private TestMasking() {
    }

    static MaskingRules rules() {
        return MaskingRules.defaults(HASH_KEY).withPersonalNames(List.of("FirstName", "LastName"));
    }

    static Masker masker() {
        return new Masker(rules());
    }

    static Masker masker(Supplier<? extends Collection<String>> knownSecrets) {
        return masker().withKnownSecrets(knownSecrets);
    }

    /** The hash the masker gives a personal value, to assert on correlation. */
    static String hashOf(String value) {
        return new PersonalDataHasher(rules().hashKey()).hash(value);
    }
}
