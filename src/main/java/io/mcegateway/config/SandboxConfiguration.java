package io.mcegateway.config;

import io.mcegateway.sandbox.MceSandbox;
import io.mcegateway.token.BusinessUnits;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded MCE sandbox inside the gateway when {@code mce.sandbox.enabled} is true (the default when no
 * client id is configured), on its own port, so that the gateway reaches it over real HTTP like it would reach MCE.
 * Built by {@link GatewayBeans}, as in Camel JBang runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mce.sandbox.enabled", havingValue = "true")
public class SandboxConfiguration {

    @Bean(destroyMethod = "close")
    MceSandbox mceSandbox(MceProperties mce) {
        return GatewayBeans.mceSandbox(mce);
    }

    @Bean
    BusinessUnits.SandboxAccess sandboxAccess(MceSandbox sandbox, MceProperties mce) {
        return GatewayBeans.sandboxAccess(sandbox, mce);
    }
}
