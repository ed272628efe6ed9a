package io.mcegateway.sandbox;

import static io.mcegateway.sandbox.SandboxClient.singleSend;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestLoggingTest {

    private final Logger logger = Logger.getLogger(MceSandbox.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;
    private MceSandbox sandbox;

    @BeforeEach
    void start() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        sandbox = MceSandbox.start(SandboxSettings.defaults());
    }

    @AfterEach
    void stop() {
        sandbox.close();
        logger.removeHandler(capture);
        logger.setLevel(previousLevel);
    }

    @Test
    void logs_each_request_at_trace_without_the_client_secret_or_the_bearer_token() {
        SandboxClient client = new SandboxClient(sandbox);
        String token = client.token();
        client.postJson("/messaging/v1/email/messages/k1", singleSend("def", "c1", "a@example.com"), token);

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("/v2/token").contains("\"client_secret\":\"****\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("/messaging/v1/email/messages/k1").contains("Bearer ****"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("-> 202 [email-send]"));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(SandboxSettings.DEFAULT_CLIENT_SECRET));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(token));
    }
}
