package io.mcegateway.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The console encoder of the application log: Spring Boot's pattern as usual, but every event's message, argument
 * values and exception messages pass through the masker first ({@link LogMasking}), whatever the pattern and
 * whichever library logged them (guidance Point 3: credentials and personal data never reach a log). Logger names,
 * levels, threads and stack frames are left as they are.
 * <p>
 * This is the second line of defence. The first is that nothing logs request data on purpose, and that loggers
 * which print raw traffic are silenced ({@link RawTrafficFilter}), since no masker can find a name split across
 * two wire-log lines.
 */
public class MaskingLayoutEncoder extends PatternLayoutEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        return super.encode(new MaskedLoggingEvent(event));
    }
}
