package io.mcegateway.mce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcegateway.sandbox.Fault;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.RouteIds;
import io.mcegateway.sandbox.RouteRequest;
import io.mcegateway.sandbox.TokenRequest;
import io.mcegateway.support.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** A call takes its token once it holds its business unit's call slot, not before it starts waiting for it. */
@CamelSpringBootTest
@ActiveProfiles("test")
@SpringBootTest(properties = {
        "mce.sandbox.token-lifetime=3s",
        "mce.sandbox.expires-in-margin=0s",
        "mce.token.expiry-margin=100ms",
        "mce.token.refresh-ahead=200ms"})
class TokenInCallSlotTest {

    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3);
    static final String NOT_SENT = "messaging/v1/email/messages/?type=notSent";

    @Autowired
    MceSandbox sandbox;

    @Autowired
    ProducerTemplate producer;

    @Test
    void a_call_that_waited_for_its_slot_longer_than_a_token_lives_goes_out_with_a_fresh_token_not_a_401()
            throws Exception {
        assertThat(call("GET", NOT_SENT, null).getException()).isNull();
        Instant warmedUp = Instant.now();
        int tokensBefore = sandbox.ledger().tokenRequestCount();
        Instant tokenIssued = lastToken().at();

        // The batch is processed at once and answered only after the token's life: its call holds the slot.
        sandbox.faults().script(RouteIds.EMAIL_BATCH, Fault.lateResponse(TOKEN_LIFETIME.plusSeconds(1)));
        CompletableFuture<Exchange> slow = CompletableFuture.supplyAsync(() -> call("POST",
                "messaging/v1/email/messages/", "{\"definitionKey\":\"d\",\"recipients\":[{\"contactKey\":\"c\","
                        + "\"to\":\"a@example.com\",\"messageKey\":\"slot-holder\"}]}"));
        Eventually.soon().until(() -> sandbox.ledger().acceptedCount("email", "slot-holder") == 1);

        Exchange waited = call("GET", NOT_SENT, null);

        assertThat(waited.getException()).isNull();
        assertThat(slow.get(20, TimeUnit.SECONDS).getException()).isNull();
        List<RouteRequest> lookups = sandbox.ledger().requests(RouteIds.EMAIL_NOT_SENT);
        assertThat(lookups.get(lookups.size() - 1).receivedAt()).as("the call waited past its token's life")
                .isAfter(tokenIssued.plus(TOKEN_LIFETIME));
        assertThat(sandbox.ledger().requests()).filteredOn(request -> !request.routeId().equals(RouteIds.TOKEN))
                .filteredOn(request -> request.receivedAt().isAfter(warmedUp))
                .extracting(RouteRequest::status).as("statuses answered on REST routes").doesNotContain(401);
        assertThat(sandbox.ledger().tokenRequestCount() - tokensBefore).as("new tokens").isEqualTo(1);
    }

    private TokenRequest lastToken() {
        List<TokenRequest> tokens = sandbox.ledger().tokenRequests();
        return tokens.get(tokens.size() - 1);
    }

    private Exchange call(String method, String path, String body) {
        return producer.send(MceRestRoutes.REST_CALL, exchange -> {
            exchange.setProperty(MceRestCall.METHOD, method);
            exchange.setProperty(MceRestCall.PATH, path);
            exchange.getMessage().setBody(body);
        });
    }
}
