package io.mcegateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ApiKeyCheckTest {

    private final ApiKeyCheck check = new ApiKeyCheck(ApiKeys.from(List.of(ApiKeys.digestOf("right-key")), List.of("default")));

    @Test
    void a_request_without_a_key_is_refused_as_missing() {
        assertThatThrownBy(() -> check.process(request(null)))
                .isInstanceOf(ApiKeyRejectedException.class).hasMessageContaining("is required");
        assertThatThrownBy(() -> check.process(request("Basic dXNlcjpwdw==")))
                .isInstanceOf(ApiKeyRejectedException.class).hasMessageContaining("is required");
    }

    @Test
    void a_wrong_key_is_refused_without_echoing_it() {
        assertThatThrownBy(() -> check.process(request("Bearer guessed-key")))
                .isInstanceOf(ApiKeyRejectedException.class).hasMessageContaining("not valid")
                .hasMessageNotContaining("guessed-key");
    }

    @Test
    void a_valid_key_passes_and_is_removed_from_the_message() {
        Exchange exchange = request("bearer right-key");

        check.process(exchange);

        assertThat(exchange.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void an_exchange_let_in_passes_the_check_of_an_internal_route_without_the_key() {
        Exchange exchange = request("Bearer right-key");
        check.process(exchange);

        // As when read-message calls direct:refresh-message-status, whose route configuration checks again.
        check.process(exchange);

        assertThat(exchange.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void a_refused_exchange_is_not_let_in_later() {
        Exchange exchange = request("Bearer guessed-key");
        assertThatThrownBy(() -> check.process(exchange)).isInstanceOf(ApiKeyRejectedException.class);

        assertThatThrownBy(() -> check.process(exchange)).isInstanceOf(ApiKeyRejectedException.class)
                .hasMessageContaining("is required");
    }

    private static Exchange request(String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        if (authorization != null) {
            exchange.getMessage().setHeader("Authorization", authorization);
        }
        return exchange;
    }
}
