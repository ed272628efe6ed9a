package io.mcegateway.exchangelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The same flows as {@link ExchangeLogEndToEndTest} with the logging an operator turns on while troubleshooting:
 * root at DEBUG, the HTTP client's wire and header loggers at DEBUG, Camel's tracer on, and the sandbox and JDBC
 * at TRACE. Still no secret and no personal value may reach any output.
 */
class ExchangeLogDebugEndToEndTest {

    @Test
    void with_root_wire_and_header_logging_at_debug_no_secret_or_personal_value_reaches_any_output() throws Exception {
        ExchangeLogScenario run = ExchangeLogScenario.run(ExchangeLogScenario.freshFolder("debug-logging"),
                "logging.level.root=DEBUG",
                "logging.level.org.apache.hc.client5.http.wire=DEBUG",
                "logging.level.org.apache.hc.client5.http.headers=DEBUG",
                "logging.level.org.apache.http.wire=DEBUG",
                "logging.level.org.apache.http.headers=DEBUG",
                "logging.level.io.mcegateway.sandbox=TRACE",
                "logging.level.org.springframework.jdbc.core=TRACE",
                "camel.main.tracing=true");

        String output = Files.readString(run.output);
        assertThat(output).as("DEBUG logging was on, the HTTP client's included")
                .contains(" DEBUG ", "PoolingHttpClientConnectionManager");
        assertThat(output).as("Camel's tracer ran, without headers or bodies")
                .contains("[mce-http-cal]", "BodyType: String").doesNotContain("Headers: {", ", Body: ");
        System.out.printf("DEBUG run: %,d bytes of gateway output, %,d exchange-log records, %d support bundles "
                + "scanned%n", output.length(), run.records().size(), run.bundles.size());
        run.assertNothingKnownWasWritten();
    }
}
