package io.mcegateway.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway's own API.
 *
 * @param apiKeys digests of the keys internal clients present, each {@code sha256:<64 hex digits>}; the keys
 *                themselves are never configured, so a leaked config file does not leak a key
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(@DefaultValue List<String> apiKeys) {
}
