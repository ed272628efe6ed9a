package io.mcegateway.support;

import io.mcegateway.GatewayApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A gateway started by a test with its own settings, for tests that stop and restart it. */
public final class RunningGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param properties {@code name=value} pairs on top of config/application.yaml */
    public static RunningGateway start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=test",
                "--spring.main.banner-mode=off"));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new RunningGateway(new SpringApplicationBuilder(GatewayApplication.class)
                .run(args.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public GatewayClient client(String apiKey) {
        return new GatewayClient(port(), apiKey);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public boolean hasBean(Class<?> type) {
        return !context.getBeansOfType(type).isEmpty();
    }

    @Override
    public void close() {
        context.close();
    }
}
