package io.mcegateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** Reads one metric from the gateway's {@code /actuator/metrics}, as an operator would. */
public final class ActuatorMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayClient gateway;

    public ActuatorMetrics(GatewayClient gateway) {
        this.gateway = gateway;
    }

    /**
     * The metric's first measurement (a gauge's value, a counter's count), summed over the series matching the tags;
     * 0 when no series exists yet.
     *
     * @param tags {@code name:value} pairs
     */
    public double value(String name, String... tags) {
        StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
        for (int i = 0; i < tags.length; i++) {
            path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
        }
        HttpResponse<String> response = gateway.get(path.toString());
        if (response.statusCode() == 404) {
            return 0;
        }
        try {
            JsonNode metric = JSON.readTree(response.body());
            return metric.path("measurements").path(0).path("value").asDouble();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not a metrics answer: " + response.body(), e);
        }
    }
}
