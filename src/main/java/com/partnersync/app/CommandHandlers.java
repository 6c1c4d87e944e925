package com.partnersync.app;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** The work behind the one-shot commands other than a sync cycle. */
@Component
public class CommandHandlers {
    private final JdbcTemplate jdbc;

    public CommandHandlers(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** {@code sync --once --full}: forget every checkpoint so each object is read from the start. */
    public void resetCheckpoints() {
        jdbc.update("delete from sync_checkpoint");
    }

    public String validateMappings() {
        throw new UnsupportedOperationException("wired when the mapping engine lands");
    }

    public String writebackDryRun() {
        throw new UnsupportedOperationException("wired when write-back lands");
    }

    public String dedupFull() {
        throw new UnsupportedOperationException("wired when lead dedup lands");
    }
}
