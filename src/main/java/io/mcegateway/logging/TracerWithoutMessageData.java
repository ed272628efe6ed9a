package io.mcegateway.logging;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExchangeFormatter;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.processor.DefaultExchangeFormatter;

/**
 * Camel's tracer, when an operator turns it on ({@code camel.main.tracing=true}), shows each step a message takes,
 * its exchange id and body type, and any exception, but never headers, properties, variables or the body: those
 * carry tokens and recipients. The exchange log has the MCE exchanges, masked. Camel names the tracer's logger after
 * each step's source line, so the tracer cannot be silenced by logger name; its formatter is the one place to fix.
 */
public final class TracerWithoutMessageData implements CamelContextConfiguration {

    @Override
    public void beforeApplicationStart(CamelContext context) {
        ExchangeFormatter formatter = context.getTracer().getExchangeFormatter();
        if (formatter instanceof DefaultExchangeFormatter fields) {
            fields.setShowAll(false);
            fields.setShowHeaders(false);
            fields.setShowProperties(false);
            fields.setShowAllProperties(false);
            fields.setShowVariables(false);
            fields.setShowBody(false);
            fields.setShowBodyType(true);
            fields.setShowException(true);
        } else {
            // A formatter this class does not know could print anything: no formatter, no message data.
            context.getTracer().setExchangeFormatter(exchange -> "Exchange[" + exchange.getExchangeId() + "]");
        }
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
    }
}
