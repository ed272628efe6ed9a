package io.mcegateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class RawTrafficFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final RawTrafficFilter filter = new RawTrafficFilter();

    private FilterReply decide(String logger, Level level) {
        Logger target = context.getLogger(logger);
        target.setLevel(Level.TRACE);
        return filter.decide(null, target, level, "message", null, null);
    }

    @Test
    void the_http_client_wire_and_header_logs_are_dropped_at_every_level_even_when_set_to_trace() {
        for (String logger : new String[] {"org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers",
                "org.apache.http.wire", "org.apache.http.headers"}) {
            for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR}) {
                assertThat(decide(logger, level)).as(logger + " " + level).isEqualTo(FilterReply.DENY);
            }
        }
    }

    @Test
    void raw_request_bytes_and_bound_values_go_at_their_detailed_levels_while_warnings_stay() {
        assertThat(decide("org.apache.coyote.http11.Http11InputBuffer", Level.DEBUG)).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.coyote.http11.Http11InputBuffer", Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.mcegateway.sandbox.MceSandbox", Level.DEBUG)).isEqualTo(FilterReply.DENY);
        assertThat(decide("io.mcegateway.sandbox.MceSandbox", Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.springframework.jdbc.core.StatementCreatorUtils", Level.TRACE))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.postgresql.core.v3.QueryExecutorImpl", Level.TRACE)).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.postgresql.core.v3.QueryExecutorImpl", Level.DEBUG)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void other_loggers_and_look_alike_names_are_left_alone() {
        assertThat(decide("org.apache.hc.client5.http.impl.classic.InternalHttpClient", Level.DEBUG))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.apache.hc.client5.http.wirewolf", Level.DEBUG)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.mcegateway.send.SendBatches", Level.TRACE)).isEqualTo(FilterReply.NEUTRAL);
    }
}
