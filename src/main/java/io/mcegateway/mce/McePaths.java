package io.mcegateway.mce;

import java.net.URI;

/** URL handling for the MCE hosts. */
public final class McePaths {

    private McePaths() {
    }

    /**
     * MCE documents {@code rest_instance_url} as a bare host, while real responses carry scheme and trailing slash.
     * Either form becomes {@code scheme://host[:port]/[path/]}.
     */
    public static String normaliseBase(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("A base URL is required");
        }
        String withScheme = url.contains("://") ? url.trim() : "https://" + url.trim();
        URI parsed = URI.create(withScheme);
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("Not a usable base URL: " + parsed.getScheme() + "://...");
        }
        return withScheme.endsWith("/") ? withScheme : withScheme + "/";
    }

    /** Joins a normalised base and a relative path such as {@code messaging/v1/email/messages/KEY}. */
    public static String join(String base, String relativePath) {
        String normalised = normaliseBase(base);
        return normalised + (relativePath.startsWith("/") ? relativePath.substring(1) : relativePath);
    }
}
