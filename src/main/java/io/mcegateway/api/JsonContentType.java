package io.mcegateway.api;

import java.util.Locale;

/** Whether a request declares a JSON body: {@code Content-Type: application/json}, with or without parameters. */
public final class JsonContentType {

    private JsonContentType() {
    }

    public static boolean declaredBy(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
    }
}
