package io.mcegateway.send;

import io.mcegateway.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole send-flow suite again, with PostgreSQL as the store (a fresh schema of its own). */
class PostgresSendFlowTest extends SendFlowTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String schema = TestDatabases.newSchemaName();
        registry.add("spring.datasource.url", () -> TestDatabases.POSTGRES_URL + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }
}
