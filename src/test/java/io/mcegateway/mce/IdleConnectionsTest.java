package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteIds;
import io.mcegateway.support.Eventually;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * MCE (and the sandbox) close keep-alive connections idle for 5 s; a request written into such a connection gets
 * no answer, which for a send is an unknown outcome. The gateway closes pooled connections idle for
 * {@code mce.http.idle-eviction} (2 s) itself, so every call after a quiet spell goes out on a fresh connection.
 */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest
class IdleConnectionsTest {

    /** The sandbox's idle close (JdkHttpServerTuning), as MCE's. */
    static final Duration SERVER_IDLE_CLOSE = Duration.ofSeconds(5);

    @Autowired
    MceSandbox sandbox;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camel;

    @Test
    void pooled_connections_are_closed_before_mce_would_close_them_so_no_call_meets_a_closed_one() throws Exception {
        assertThat(call().getException()).isNull();
        ConnPoolControl<?> pool = (ConnPoolControl<?>) camel.getEndpoint(MceHttp.HTTP_ENDPOINT, HttpEndpoint.class)
                .getClientConnectionManager();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int quietSpell = 1; quietSpell <= 2; quietSpell++) {
                long answered = System.nanoTime();
                Eventually.within(SERVER_IDLE_CLOSE).until(() -> pool.getTotalStats().getAvailable() == 0);
                assertThat(Duration.ofNanos(System.nanoTime() - answered)).as("idle connection closed after")
                        .isLessThan(SERVER_IDLE_CLOSE);

                // The next call comes only after the server would have closed a connection kept idle.
                long due = SERVER_IDLE_CLOSE.plusMillis(500).toNanos() - (System.nanoTime() - answered);
                Exchange next = later.schedule(this::call, due, TimeUnit.NANOSECONDS).get(30, TimeUnit.SECONDS);
                assertThat(next.getException()).as("call after quiet spell %d", quietSpell).isNull();
            }
        } finally {
            later.shutdownNow();
        }
        assertThat(sandbox.ledger().requestCount(RouteIds.EMAIL_NOT_SENT)).isEqualTo(3);
    }

    private Exchange call() {
        return producer.send(MceRestRoutes.REST_CALL, exchange -> {
            exchange.setProperty(MceRestCall.METHOD, "GET");
            exchange.setProperty(MceRestCall.PATH, "messaging/v1/email/messages/?type=notSent");
        });
    }
}
