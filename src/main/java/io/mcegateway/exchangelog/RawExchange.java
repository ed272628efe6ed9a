package io.mcegateway.exchangelog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP exchange with MCE as it happened, unmasked: the input to {@link ExchangeRecord#masked}. It holds
 * tokens, secrets and personal data, so it is never written, stored or logged; {@link #toString()} names only
 * what is safe.
 */
public final class RawExchange {

    private final Instant startedAt;
    private final String method;
    private final String url;
    private final Integer status;
    private final long durationMs;
    private final Map<String, ?> requestHeaders;
    private final String requestBody;
    private final Map<String, ?> responseHeaders;
    private final String responseBody;
    private final String route;
    private final String fromRoute;
    private final List<String> messageKeys;
    private final int attempt;
    private final String businessUnit;
    private final Throwable failure;

    private RawExchange(Builder b) {
        this.startedAt = b.startedAt == null ? Instant.now() : b.startedAt;
        this.method = b.method;
        this.url = b.url;
        this.status = b.status;
        this.durationMs = b.durationMs;
        this.requestHeaders = b.requestHeaders == null ? Map.of() : b.requestHeaders;
        this.requestBody = b.requestBody;
        this.responseHeaders = b.responseHeaders == null ? Map.of() : b.responseHeaders;
        this.responseBody = b.responseBody;
        this.route = b.route;
        this.fromRoute = b.fromRoute;
        this.messageKeys = b.messageKeys == null ? List.of()
                : b.messageKeys.stream().filter(Objects::nonNull).toList();
        this.attempt = b.attempt;
        this.businessUnit = b.businessUnit;
        this.failure = b.failure;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether this exchange failed and gets a classification: it threw, got no status, or got 4xx/5xx. A 202 with
     * per-recipient errorcodes is a successful exchange; the send flow handles those recipients.
     */
    public boolean failed() {
        return failure != null || status == null || status >= 400;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Integer status() {
        return status;
    }

    public long durationMs() {
        return durationMs;
    }

    public Map<String, ?> requestHeaders() {
        return requestHeaders;
    }

    public String requestBody() {
        return requestBody;
    }

    public Map<String, ?> responseHeaders() {
        return responseHeaders;
    }

    public String responseBody() {
        return responseBody;
    }

    public String route() {
        return route;
    }

    public String fromRoute() {
        return fromRoute;
    }

    public List<String> messageKeys() {
        return messageKeys;
    }

    public int attempt() {
        return attempt;
    }

    public String businessUnit() {
        return businessUnit;
    }

    public Throwable failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "RawExchange[" + method + " status=" + status + " route=" + route + " attempt=" + attempt + "]";
    }

    /** Fluent construction from a route or an event notifier; unset parts are absent, not an error. */
    public static final class Builder {
        private Instant startedAt;
        private String method;
        private String url;
        private Integer status;
        private long durationMs;
        private Map<String, ?> requestHeaders;
        private String requestBody;
        private Map<String, ?> responseHeaders;
        private String responseBody;
        private String route;
        private String fromRoute;
        private List<String> messageKeys;
        private int attempt = 1;
        private String businessUnit;
        private Throwable failure;

        private Builder() {
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder status(Integer status) {
            this.status = status;
            return this;
        }

        public Builder durationMs(long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public Builder requestHeaders(Map<String, ?> requestHeaders) {
            this.requestHeaders = requestHeaders;
            return this;
        }

        public Builder requestBody(String requestBody) {
            this.requestBody = requestBody;
            return this;
        }

        public Builder responseHeaders(Map<String, ?> responseHeaders) {
            this.responseHeaders = responseHeaders;
            return this;
        }

        public Builder responseBody(String responseBody) {
            this.responseBody = responseBody;
            return this;
        }

        public Builder route(String route) {
            this.route = route;
            return this;
        }

        /** The business route the call was made for (send, status check, not-sent poll), where known. */
        public Builder fromRoute(String fromRoute) {
            this.fromRoute = fromRoute;
            return this;
        }

        public Builder messageKeys(List<String> messageKeys) {
            this.messageKeys = messageKeys;
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        public Builder businessUnit(String businessUnit) {
            this.businessUnit = businessUnit;
            return this;
        }

        public Builder failure(Throwable failure) {
            this.failure = failure;
            return this;
        }

        public RawExchange build() {
            return new RawExchange(this);
        }
    }
}
