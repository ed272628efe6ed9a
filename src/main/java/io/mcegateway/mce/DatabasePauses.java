package io.mcegateway.mce;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link SharedPauses} in the gateway's database (table {@code rate_limit_pause}). */
public final class DatabasePauses implements SharedPauses {

    private final JdbcTemplate jdbc;

    public DatabasePauses(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public Instant pausedUntil(String businessUnit) {
        List<Timestamp> until = jdbc.queryForList(
                "SELECT paused_until FROM rate_limit_pause WHERE business_unit = ?", Timestamp.class, businessUnit);
        return until.isEmpty() ? null : until.get(0).toInstant();
    }

    @Override
    public void pauseUntil(String businessUnit, Instant until) {
        Timestamp end = Timestamp.from(until);
        if (jdbc.update("UPDATE rate_limit_pause SET paused_until = ? WHERE business_unit = ? AND paused_until < ?",
                end, businessUnit, end) == 1) {
            return;
        }
        try {
            jdbc.update("INSERT INTO rate_limit_pause (business_unit, paused_until) SELECT ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM rate_limit_pause WHERE business_unit = ?)", businessUnit, end, businessUnit);
        } catch (DuplicateKeyException anotherInstanceWroteFirst) {
            jdbc.update("UPDATE rate_limit_pause SET paused_until = ? WHERE business_unit = ? AND paused_until < ?",
                    end, businessUnit, end);
        }
    }
}
