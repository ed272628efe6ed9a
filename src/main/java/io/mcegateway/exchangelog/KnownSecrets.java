package io.mcegateway.exchangelog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The literal secrets the masker replaces wherever they appear (the client secrets and tokens in use), in the
 * forms they take on the wire: as is, URL-encoded (form bodies, query strings) and JSON-escaped.
 */
final class KnownSecrets {

    /** Shorter values would turn ordinary words into ***; field names and patterns still catch short secrets. */
    static final int MIN_LENGTH = 6;

    private KnownSecrets() {
    }

    /** Longest first, so a secret that contains another is replaced whole. */
    static List<String> prepare(Collection<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            return List.of();
        }
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_LENGTH) {
                continue;
            }
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(sorted);
    }
}
