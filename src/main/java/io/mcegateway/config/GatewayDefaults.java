package io.mcegateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that depend on other settings or on the working directory, added with the lowest precedence so that any
 * explicit setting wins:
 * <ul>
 *   <li>{@code mce.sandbox.enabled}: true exactly when no {@code mce.client-id} is configured.</li>
 *   <li>{@code camel.main.routes-include-pattern}: the {@code routes/} folder of the working directory when there is
 *       one (teams edit routes without rebuilding), else the copy packaged in the jar. Never both, which would load
 *       every route twice.</li>
 * </ul>
 */
public final class GatewayDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "mceGatewayDefaults";
    static final String ROUTES = "routes/*.camel.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String clientId = environment.getProperty("mce.client-id");
        defaults.put("mce.sandbox.enabled", String.valueOf(clientId == null || clientId.isBlank()));
        Path workingRoutes = Path.of(environment.getProperty("gateway.routes-dir", "routes"));
        defaults.put("camel.main.routes-include-pattern", Files.isDirectory(workingRoutes)
                ? "file:" + workingRoutes.toAbsolutePath().normalize() + "/*.camel.yaml"
                : "classpath:" + ROUTES);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
