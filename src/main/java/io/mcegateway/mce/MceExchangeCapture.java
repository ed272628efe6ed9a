package io.mcegateway.mce;

import io.mcegateway.exchangelog.RawExchange;
import io.mcegateway.token.BusinessUnit;
import io.mcegateway.token.TokenRoutes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.MessageHelper;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one HTTP attempt at MCE off the Camel exchange into a {@link RawExchange} for the exchange log: the request
 * as sent, then the response or the failure. Used by the {@code mce-http-call} route ({@link MceHttpCallRoutes}).
 * <p>
 * The main exchange is left as the HTTP call leaves it: what this class notes there lives in properties of its own
 * and is removed again ({@link #forget}), except the attempt counter, which must outlive one attempt. A response
 * body that is a stream is turned into Camel's re-readable stream cache, as Camel's own logging does, so that the
 * route reading it next still finds it whole.
 * <p>
 * Never throws: the exchange log must not fail a call to MCE. A step that fails is counted in
 * {@code mce.exchange.log.failures} and the attempt goes unrecorded.
 */
public final class MceExchangeCapture {

    /** What was sent, while the attempt is out. */
    static final String REQUEST = "mceExchangeRequest";
    /** The finished {@link RawExchange}, from the end of the call until the wire tap took it. */
    static final String RECORD = "mceExchangeRecord";
    /** The attempt counter; kept on the exchange from one attempt to the next. */
    static final String ATTEMPT = "mceExchangeAttempt";

    /** In {@link #RECORD} when a response came but could not be read: the attempt is not recorded. */
    private static final Object UNREADABLE = new Object();

    private static final Logger LOG = LoggerFactory.getLogger(MceExchangeCapture.class);
    private static final String TOKEN_ROUTE = routeIdOf(TokenRoutes.FETCH_TOKEN);
    private static final String REST_ROUTE = routeIdOf(MceRestRoutes.REST_CALL);

    private final Clock clock;
    private final Function<Exchange, List<String>> messageKeys;
    private final Counter failures;

    /**
     * @param messageKeys the messageKeys an exchange is about (the send flow's batch, a status check's message)
     */
    public MceExchangeCapture(Clock clock, Function<Exchange, List<String>> messageKeys, MeterRegistry meters) {
        this.clock = clock;
        this.messageKeys = messageKeys;
        this.failures = Counter.builder("mce.exchange.log.failures")
                .description("Exchanges that could not be recorded in the exchange log")
                .register(meters);
    }

    private record SentRequest(Instant startedAt, long startNanos, String method, String url,
            Map<String, Object> headers, String body, int attempt) {
    }

    /** Same request as last time on this exchange: a redelivery or the resend after a 401. */
    private record Attempt(int fingerprint, int number) {
    }

    /** Before the call: the request as it is about to leave, and which attempt this is. */
    public void requestSent(Exchange exchange) {
        try {
            Message message = exchange.getMessage();
            String url = url(message);
            String body = bodyText(message);
            String method = method(message, body);
            // The business routes reset every header before each attempt (Camel's redelivery counter included),
            // so the attempt number comes from here: the same request on the same exchange counts up, another
            // request (a status check, then the send it allowed) starts again at 1.
            int fingerprint = Objects.hash(method, url, body);
            Attempt previous = exchange.getProperty(ATTEMPT, Attempt.class);
            Attempt attempt = new Attempt(fingerprint,
                    previous != null && previous.fingerprint() == fingerprint ? previous.number() + 1 : 1);
            exchange.setProperty(ATTEMPT, attempt);
            exchange.setProperty(REQUEST, new SentRequest(clock.instant(), System.nanoTime(), method, url,
                    sentHeaders(message), body, attempt.number()));
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** Right after a successful call: status, response headers and body. */
    public void responseReceived(Exchange exchange) {
        try {
            SentRequest request = exchange.getProperty(REQUEST, SentRequest.class);
            if (request == null) {
                return;
            }
            Message message = exchange.getMessage();
            exchange.setProperty(RECORD, record(exchange, request)
                    .status(message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class))
                    .responseHeaders(responseHeaders(message, request.headers()))
                    .responseBody(bodyText(message))
                    .build());
        } catch (RuntimeException | LinkageError e) {
            exchange.setProperty(RECORD, UNREADABLE);
            failed(e);
        }
    }

    /**
     * After the call whatever happened (the route's {@code doFinally}): when no response was read, the call threw,
     * and the exception Camel keeps in {@code CamelExceptionCaught} is this attempt's. An MCE error status arrives
     * as {@code HttpOperationFailedException} with the response's status, headers and body.
     */
    public void completed(Exchange exchange) {
        try {
            SentRequest request = exchange.getProperty(REQUEST, SentRequest.class);
            if (request == null || exchange.getProperty(RECORD) != null) {
                return;
            }
            Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            HttpOperationFailedException http = ObjectHelper.getException(HttpOperationFailedException.class,
                    failure);
            RawExchange.Builder record = record(exchange, request).failure(failure);
            if (http != null) {
                record.status(http.getStatusCode())
                        .responseHeaders(http.getResponseHeaders())
                        .responseBody(http.getResponseBody());
            }
            exchange.setProperty(RECORD, record.build());
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /**
     * The wire tap's {@code onPrepare}, on the tapped copy only: its body becomes the {@link RawExchange} and its
     * headers go, so that the queue towards the exchange log holds no more than the record needs.
     */
    public void detach(Exchange tapped) {
        try {
            Object record = tapped.getProperty(RECORD);
            tapped.getMessage().removeHeaders("*");
            tapped.getMessage().setBody(record instanceof RawExchange ? record : null);
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** After the tap: the main exchange no longer carries this attempt's request and record. */
    public void forget(Exchange exchange) {
        exchange.removeProperty(REQUEST);
        exchange.removeProperty(RECORD);
    }

    private RawExchange.Builder record(Exchange exchange, SentRequest request) {
        BusinessUnit unit = exchange.getProperty(MceHttp.BUSINESS_UNIT, BusinessUnit.class);
        return RawExchange.builder()
                .startedAt(request.startedAt())
                .durationMs((System.nanoTime() - request.startNanos()) / 1_000_000)
                .method(request.method())
                .url(request.url())
                .requestHeaders(request.headers())
                .requestBody(request.body())
                // A REST call carries the token it was made with; a token request cannot.
                .route(exchange.getProperty(MceHttp.TOKEN) != null ? REST_ROUTE : TOKEN_ROUTE)
                // The route the exchange started in tells a send from a status check or a not-sent poll.
                .fromRoute(exchange.getFromRouteId())
                .messageKeys(messageKeys.apply(exchange))
                .attempt(request.attempt())
                .businessUnit(unit == null ? null : unit.name());
    }

    private static String url(Message message) {
        String uri = message.getHeader(Exchange.HTTP_URI, String.class);
        String query = message.getHeader(Exchange.HTTP_QUERY, String.class);
        return query == null || query.isEmpty() ? uri : uri + (uri != null && uri.contains("?") ? "&" : "?") + query;
    }

    private static String method(Message message, String body) {
        Object method = message.getHeader(Exchange.HTTP_METHOD);
        return method != null ? method.toString() : body != null ? "POST" : "GET";
    }

    /** The headers the HTTP component turns into request headers: all but Camel's own. */
    private static Map<String, Object> sentHeaders(Message message) {
        Map<String, Object> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (!isCamelHeader(name) && value != null) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    /**
     * After a successful call the message holds the response headers plus the request headers, which the HTTP
     * component copies over as the very same objects. Those are left out by identity, so a response header with
     * the name and text of a request header still counts as the response's.
     */
    private static Map<String, Object> responseHeaders(Message message, Map<String, Object> sent) {
        Map<String, Object> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (!isCamelHeader(name) && value != null && !sentAsIs(sent, name, value)) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    private static boolean sentAsIs(Map<String, Object> sent, String name, Object value) {
        for (Map.Entry<String, Object> header : sent.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue() == value;
            }
        }
        return false;
    }

    private static boolean isCamelHeader(String name) {
        return name.regionMatches(true, 0, "Camel", 0, 5) || name.startsWith("org.apache.camel");
    }

    private static String bodyText(Message message) {
        Object body = message.getBody();
        if (body == null || body instanceof String) {
            return (String) body;
        }
        if (body instanceof byte[]) {
            return message.getBody(String.class);
        }
        // A stream would be used up by reading it here; this makes it a stream cache, read and reset.
        return MessageHelper.extractBodyAsString(message);
    }

    private void failed(Throwable e) {
        failures.increment();
        LOG.warn("An MCE exchange could not be captured for the exchange log ({})", e.getClass().getName());
    }

    private static String routeIdOf(String directUri) {
        return directUri.substring(directUri.indexOf(':') + 1);
    }
}
