package io.mcegateway.exchangelog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mcegateway.exchangelog.Classification.Source;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Says who produced a failed exchange and whether retrying can help. The support section of the guidance asks for
 * exactly this split: an error MCE never logged was most likely made by a proxy or other device on the way
 * ("Discrepancies in Error Counts"), and a client-side timeout may hide a request MCE did process.
 * <ul>
 *   <li><b>MCE</b>: a JSON body in MCE's error shape, {@code errorcode} (REST) or {@code error} with
 *       {@code error_description} (auth). That body wins over any header: MCE may itself sit behind a CDN.</li>
 *   <li><b>INTERMEDIARY</b>: otherwise, when a {@code Server} or {@code Via} header names a proxy (nginx, squid,
 *       envoy, Cloudflare, Akamai, F5/BIG-IP, ...), the body is HTML or anything but an MCE error, or the status
 *       is 502/503/504. An error status with no body and no such sign is taken as MCE's.</li>
 *   <li><b>CLIENT_TIMEOUT</b>: the gateway stopped waiting (read or response timeout, Camel exchange timeout,
 *       pool wait).</li>
 *   <li><b>NETWORK</b>: any other I/O failure (refused, reset, no response, DNS, TLS) and connect timeouts,
 *       since a request that could not connect never reached MCE.</li>
 * </ul>
 * Retryable, by MCE's guidance: 5xx, 429 (and 408), timeouts and network faults. Not: 400, 401, 403, 404 and
 * other 4xx. Exceptions are recognised by class name too, so the classifier needs neither Camel nor HttpClient.
 */
public final class ErrorClassifier {

    private static final List<String> PROXY_WORDS = List.of("nginx", "squid", "envoy", "cloudflare", "akamai",
            "bigip", "big-ip", "haproxy", "varnish", "zscaler", "bluecoat", "awselb", "traefik", "apigee", "kong",
            "istio", "fortigate", "barracuda", "imperva", "incapsula", "azure-application-gateway", "cloudfront");
    private static final Set<String> PROXY_SHORT_WORDS = Set.of("f5", "elb", "alb", "waf");
    private static final Set<String> PROXY_ONLY_HEADERS = Set.of("x-squid-error", "proxy-authenticate",
            "x-bluecoat-via", "cf-ray", "x-zscaler-transaction-id");
    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_.\\-]{1,40}");
    private static final Set<String> TIMEOUT_CLASSES = Set.of("ExchangeTimedOutException", "HttpTimeoutException",
            "ReadTimeoutException", "ResponseTimeoutException", "ConnectionRequestTimeoutException");
    private static final Set<String> CONNECT_TIMEOUT_CLASSES = Set.of("ConnectTimeoutException",
            "HttpConnectTimeoutException");
    private static final int MAX_CAUSES = 16;

    private final JsonFactory json = JsonFactory.builder().build();

    /**
     * @param status          the HTTP status, or null when no response arrived
     * @param responseHeaders the response headers (any value type), or null
     * @param responseBody    the raw response body, or null
     * @param failure         what the HTTP call threw, or null
     */
    public Classification classify(Integer status, Map<String, ?> responseHeaders, String responseBody,
            Throwable failure) {
        if (status != null) {
            return classifyResponse(status, responseHeaders == null ? Map.of() : responseHeaders, responseBody);
        }
        if (failure != null) {
            return classifyFailure(failure);
        }
        return new Classification(Source.NONE, false, Classification.signature(null, null, Source.NONE),
                "no response and no failure");
    }

    /** Whether a status is worth retrying: MCE says 5xx and 429 are temporary; 408 is the same on the way. */
    public static boolean isRetryableStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    private Classification classifyResponse(int status, Map<String, ?> headers, String body) {
        String mceCode = mceErrorCode(body);
        if (mceCode != null) {
            return of(status, mceCode, Source.MCE, isRetryableStatus(status), "MCE error body");
        }
        if (status < 400) {
            return of(status, null, Source.NONE, false, "not an error status");
        }
        String proxy = proxyNamedBy(headers);
        if (proxy != null) {
            return of(status, null, Source.INTERMEDIARY, isRetryableStatus(status),
                    "no MCE error body; response headers name " + proxy);
        }
        boolean hasBody = body != null && !body.isBlank();
        if (hasBody && looksLikeHtml(body)) {
            return of(status, null, Source.INTERMEDIARY, isRetryableStatus(status),
                    "HTML body: MCE's REST errors are JSON with an errorcode");
        }
        if (hasBody) {
            return of(status, null, Source.INTERMEDIARY, isRetryableStatus(status),
                    "body is not an MCE error (no errorcode)");
        }
        if (status == 502 || status == 503 || status == 504) {
            return of(status, null, Source.INTERMEDIARY, true,
                    status + " with no body: typical of a proxy or load balancer");
        }
        return of(status, null, Source.MCE, isRetryableStatus(status),
                "no body and no sign of an intermediary; taken as MCE's");
    }

    private static Classification classifyFailure(Throwable failure) {
        List<Throwable> chain = causes(failure);
        for (Throwable cause : chain) {
            if (isConnectTimeout(cause)) {
                return of(null, null, Source.NETWORK, true,
                        cause.getClass().getSimpleName() + ": could not connect; the request never reached MCE");
            }
        }
        for (Throwable cause : chain) {
            if (isTimeout(cause)) {
                String what = cause.getClass().getSimpleName().equals("ConnectionRequestTimeoutException")
                        ? ": no free pooled connection in time; the request was not sent"
                        : ": the gateway stopped waiting; MCE may still have processed the request";
                return of(null, null, Source.CLIENT_TIMEOUT, true, cause.getClass().getSimpleName() + what);
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof IOException) {
                return of(null, null, Source.NETWORK, true, cause.getClass().getSimpleName());
            }
        }
        return of(null, null, Source.NONE, false, "failure inside the gateway: " + failure.getClass().getSimpleName());
    }

    private static Classification of(Integer status, String errorcode, Source source, boolean retryable,
            String reason) {
        return new Classification(source, retryable, Classification.signature(status, errorcode, source), reason);
    }

    /**
     * The errorcode of an MCE error body ({@code errorcode}/{@code errorCode}, or the OAuth {@code error} when it
     * comes with {@code error_description}); null when the body is not one. Only top-level fields are read.
     */
    String mceErrorCode(String body) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return null;
        }
        String errorcode = null;
        String oauthError = null;
        boolean description = false;
        try (JsonParser parser = json.createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                } else if (name.equalsIgnoreCase("errorcode")) {
                    errorcode = safeCode(parser.getText());
                } else if (name.equals("error") && value == JsonToken.VALUE_STRING) {
                    oauthError = safeCode(parser.getText());
                } else if (name.equals("error_description")) {
                    description = true;
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // A truncated body still counts if the errorcode came before the break.
        }
        if (errorcode != null) {
            return errorcode;
        }
        return oauthError != null && description ? oauthError : null;
    }

    /** Codes end up in metric tags and log signatures: anything unusual is reduced to "?". */
    private static String safeCode(String code) {
        return code != null && SAFE_CODE.matcher(code).matches() ? code : "?";
    }

    private static String proxyNamedBy(Map<String, ?> headers) {
        for (Map.Entry<String, ?> header : headers.entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey().toLowerCase(Locale.ROOT);
            if (PROXY_ONLY_HEADERS.contains(name)) {
                return "a proxy (" + header.getKey() + " header)";
            }
            if (name.equals("server") || name.equals("via")) {
                String word = proxyWord(String.valueOf(header.getValue()).toLowerCase(Locale.ROOT));
                if (word != null) {
                    return word + " (" + header.getKey() + " header)";
                }
            }
        }
        return null;
    }

    private static String proxyWord(String value) {
        for (String word : value.split("[^a-z0-9-]+")) {
            if (PROXY_SHORT_WORDS.contains(word)) {
                return word;
            }
            for (String proxy : PROXY_WORDS) {
                if (word.contains(proxy)) {
                    return proxy;
                }
            }
        }
        return null;
    }

    private static boolean looksLikeHtml(String body) {
        String head = body.substring(0, Math.min(body.length(), 1024)).stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<") || head.contains("<html") || head.contains("<body") || head.contains("<title");
    }

    private static boolean isConnectTimeout(Throwable cause) {
        if (CONNECT_TIMEOUT_CLASSES.contains(cause.getClass().getSimpleName())) {
            return true;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        return cause instanceof SocketTimeoutException && message.contains("connect timed out");
    }

    private static boolean isTimeout(Throwable cause) {
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                || TIMEOUT_CLASSES.contains(cause.getClass().getSimpleName())) {
            return true;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        return cause instanceof InterruptedIOException && (message.contains("timeout") || message.contains("timed out"));
    }

    private static List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_CAUSES && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
