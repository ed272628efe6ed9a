package io.mcegateway.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Hides credentials before request details reach a log: Authorization headers, client secrets and tokens. */
final class SecretMasking {

    static final String MASK = "****";

    private static final Pattern SECRET_FIELDS = Pattern.compile(
            "(\"(?:client_secret|access_token|refresh_token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private SecretMasking() {
    }

    /** Headers with the Authorization value replaced by its scheme and a mask. */
    static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> masked = new LinkedHashMap<>();
        headers.forEach((name, values) -> masked.put(name,
                name != null && name.toLowerCase(Locale.ROOT).equals("authorization")
                        ? values.stream().map(SecretMasking::authorization).toList()
                        : values));
        return masked;
    }

    /** A JSON text with the values of secret-bearing fields masked. */
    static String body(String json) {
        return SECRET_FIELDS.matcher(json).replaceAll("$1\"" + MASK + "\"");
    }

    private static String authorization(String value) {
        int space = value.indexOf(' ');
        return space > 0 ? value.substring(0, space) + " " + MASK : MASK;
    }
}
