package io.mcegateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestRouterTest {

    @ParameterizedTest
    @CsvSource({
            "POST, /v2/token, token",
            "POST, /messaging/v1/email/messages/k1, email-send",
            "POST, /messaging/v1/email/messages/, email-batch",
            "POST, /messaging/v1/email/messages, email-batch",
            "GET, /messaging/v1/email/messages/k1, email-status",
            "GET, /messaging/v1/email/messages/, email-notsent",
            "POST, /messaging/v1/sms/messages/k1, sms-send",
            "POST, /messaging/v1/sms/messages, sms-batch",
            "GET, /messaging/v1/sms/messages/k1, sms-status",
            "GET, /messaging/v1/sms/messages, sms-notsent"})
    void maps_each_documented_route_to_its_id(String method, String path, String routeId) {
        assertThat(RequestRouter.match(method, path)).hasValueSatisfying(match -> {
            assertThat(match.routeId()).isEqualTo(routeId);
            assertThat(RouteIds.SIMULATED).contains(match.routeId());
        });
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /v2/token",
            "DELETE, /messaging/v1/email/messages/k1",
            "POST, /messaging/v1/push/messages/k1",
            "POST, //messaging/v1/email/messages/k1",
            "POST, /messaging/v1/email/messages/k1/extra",
            "POST, /messaging/v2/email/messages/k1",
            "POST, /messaging/v1/email/messages/bad%zz"})
    void matches_nothing_else(String method, String path) {
        assertThat(RequestRouter.match(method, path)).isEmpty();
    }
}
