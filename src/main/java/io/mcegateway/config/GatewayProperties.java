package io.mcegateway.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway's own API and instance.
 *
 * @param apiKeys    digests of the keys internal clients present, each {@code sha256:<64 hex digits>}; the keys
 *                   themselves are never configured, so a leaked config file does not leak a key
 * @param instanceId this instance's name in row claims; stable across restarts so that a restarted instance takes
 *                   back its own claims at once (default: host name and server port)
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(@DefaultValue List<String> apiKeys, String instanceId) {
}
