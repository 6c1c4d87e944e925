package com.partnersync.app;

import com.partnersync.mapping.ValidateMappings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** The work behind the one-shot commands other than a sync cycle. */
@Component
public class CommandHandlers {
    private final JdbcTemplate jdbc;
    private final ValidateMappings validateMappings;

    public CommandHandlers(DataSource dataSource, ValidateMappings validateMappings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.validateMappings = validateMappings;
    }

    /** {@code sync --once --full}: forget every checkpoint so each object is read from the start. */
    public void resetCheckpoints() {
        jdbc.update("delete from sync_checkpoint");
    }

    /** {@code validate-mappings}: the printable report; not ok means the command exits non-zero. */
    public ValidateMappings.Report validateMappings() {
        return validateMappings.run();
    }

    public String writebackDryRun() {
        throw new UnsupportedOperationException("wired when write-back lands");
    }

    public String dedupFull() {
        throw new UnsupportedOperationException("wired when lead dedup lands");
    }
}
