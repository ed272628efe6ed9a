package io.mcegateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Marker;

/**
 * Silences the loggers that print raw traffic or bound data, whatever level they are set to: an operator who turns
 * root, or even one of these loggers, to DEBUG or TRACE while troubleshooting must not get tokens, client secrets
 * or recipients in the log. The exchange log ({@code mce.exchange}) holds the same exchanges, masked. Fixed in code
 * on purpose: masking of secrets cannot be turned off. (Camel's tracer is made safe differently:
 * {@link TracerWithoutMessageData}.)
 */
public final class RawTrafficFilter extends TurboFilter {

    /** A logger (and its children) and the most severe level at which its events are dropped. */
    record Rule(String logger, Level droppedUpTo, String why) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("org.apache.hc.client5.http.wire", Level.ERROR,
                    "HttpClient 5 wire log: every byte to and from MCE, tokens and secrets included"),
            new Rule("org.apache.hc.client5.http.headers", Level.ERROR,
                    "HttpClient 5 header log: Authorization and every other header"),
            new Rule("org.apache.http.wire", Level.ERROR, "HttpClient 4 wire log, should a library bring it"),
            new Rule("org.apache.http.headers", Level.ERROR, "HttpClient 4 header log"),
            new Rule("org.apache.coyote.http11", Level.DEBUG,
                    "Tomcat prints the raw bytes of inbound requests: gateway API keys and recipients"),
            // Its TRACE (request bodies) reaches logback as DEBUG through java.util.logging, like its one-line
            // DEBUG summaries; both go. The exchange log has the same requests, masked.
            new Rule("io.mcegateway.sandbox.MceSandbox", Level.DEBUG,
                    "the embedded sandbox prints request bodies, recipients included"),
            new Rule("org.springframework.jdbc.core.StatementCreatorUtils", Level.TRACE,
                    "Spring JDBC prints bound values: the stored messages' recipients"),
            new Rule("org.postgresql", Level.TRACE, "the PostgreSQL driver prints bound values at its finest level"));

    private final Map<String, Level> droppedUpTo = new ConcurrentHashMap<>();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (logger == null || level == null) {
            return FilterReply.NEUTRAL;
        }
        Level limit = droppedUpTo.computeIfAbsent(logger.getName(), RawTrafficFilter::limitFor);
        return level.toInt() <= limit.toInt() ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** The most severe level dropped for a logger name; {@link Level#ALL} (nothing dropped) when no rule applies. */
    static Level limitFor(String name) {
        for (Rule rule : RULES) {
            if (name.equals(rule.logger()) || name.startsWith(rule.logger() + ".")) {
                return rule.droppedUpTo();
            }
        }
        return Level.ALL;
    }
}
