package io.mcegateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.mcegateway.exchangelog.Masker;
import io.mcegateway.exchangelog.MaskingRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaskingLayoutEncoderTest {

    private static final String SECRET = "known-client-secret-value-42";

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("io.mcegateway.send.SendBatches");
    private final LogMasking.Installation installation = LogMasking.use(
            new Masker(MaskingRules.defaults("test-only-hash-key-0123")).withKnownSecrets(() -> List.of(SECRET)));

    @AfterEach
    void uninstall() {
        installation.close();
    }

    private String encode(String pattern, String message, Object[] arguments, Throwable failure) {
        MaskingLayoutEncoder encoder = new MaskingLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, failure,
                arguments);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void messages_and_their_arguments_are_masked_whatever_the_pattern_calls_them() {
        for (String pattern : List.of("%m%n", "%msg%n", "%message%n")) {
            String line = encode(pattern, "Send to {} failed with token {} and {}",
                    new Object[] {"someone@example.com", "Bearer abc.def.ghi", SECRET}, null);

            assertThat(line).as(pattern).doesNotContain("someone@example.com", "abc.def.ghi", SECRET)
                    .contains("hash:", "Bearer ***", "***");
        }
    }

    @Test
    void exception_messages_are_masked_down_the_cause_chain_and_stack_frames_are_kept() {
        Exception failure = new IllegalStateException("Rejected for someone@example.com",
                new RuntimeException("client_secret=" + SECRET));

        String line = encode("%m%n%ex", "Send failed", null, failure);

        assertThat(line).doesNotContain("someone@example.com", SECRET)
                .contains("java.lang.IllegalStateException: Rejected for hash:",
                        "Caused by: java.lang.RuntimeException",
                        "at io.mcegateway.logging.MaskingLayoutEncoderTest");
    }

    @Test
    void the_logger_name_level_and_plain_text_are_untouched() {
        String line = encode("%level %logger: %m%n", "Batch of 3 sent in 120 ms", null, null);

        assertThat(line).isEqualTo("WARN io.mcegateway.send.SendBatches: Batch of 3 sent in 120 ms"
                + System.lineSeparator());
    }
}
