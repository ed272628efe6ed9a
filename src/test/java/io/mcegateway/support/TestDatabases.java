package io.mcegateway.support;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariDataSource;

/** Fresh, migrated databases for store tests: an in-memory H2, or a new schema in the machine's PostgreSQL. */
public final class TestDatabases {

    /** The PostgreSQL that .ci/run makes sure is running (trust auth, database "test"). */
    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private TestDatabases() {
    }

    public static DataSource h2() {
        DataSource dataSource = pooled("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa");
        migrate(dataSource, null);
        return dataSource;
    }

    /** A schema of its own in PostgreSQL, so tests never see each other's rows. */
    public static DataSource postgres() {
        String schema = newSchemaName();
        DataSource dataSource = pooled(POSTGRES_URL + "?currentSchema=" + schema, "postgres");
        migrate(dataSource, schema);
        return dataSource;
    }

    private static DataSource pooled(String url, String user) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }

    public static String newSchemaName() {
        return "gw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void migrate(DataSource dataSource, String schema) {
        var config = Flyway.configure().dataSource(dataSource);
        if (schema != null) {
            config.schemas(schema).createSchemas(true);
        }
        config.load().migrate();
    }
}
