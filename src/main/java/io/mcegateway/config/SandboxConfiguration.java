package io.mcegateway.config;

import io.mcegateway.config.MceProperties.SandboxProperties;
import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.sandbox.SandboxSettings;
import io.mcegateway.token.BusinessUnits;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded MCE sandbox inside the gateway when {@code mce.sandbox.enabled} is true (the default when no
 * client id is configured), on its own port, so that the gateway reaches it over real HTTP like it would reach MCE.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mce.sandbox.enabled", havingValue = "true")
public class SandboxConfiguration {

    @Bean(destroyMethod = "close")
    MceSandbox mceSandbox(MceProperties mce) {
        SandboxProperties sandbox = mce.sandbox();
        return MceSandbox.start(SandboxSettings.defaults()
                .withPort(sandbox.port())
                .withClient(sandbox.clientId(), sandbox.clientSecret().reveal())
                .withTokenLifetime(sandbox.tokenLifetime())
                .withExpiresInMargin(sandbox.expiresInMargin())
                .withDuplicateKeyWindow(sandbox.duplicateKeyWindow())
                .withStatusDelay(sandbox.statusDelay())
                .withNotSentRatio(sandbox.notSentRatio()));
    }

    @Bean
    BusinessUnits.SandboxAccess sandboxAccess(MceSandbox sandbox, MceProperties mce) {
        return new BusinessUnits.SandboxAccess(sandbox.baseUrl(), mce.sandbox().clientId(), mce.sandbox().clientSecret());
    }
}
