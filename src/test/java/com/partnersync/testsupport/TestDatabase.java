package com.partnersync.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One real embedded PostgreSQL per test JVM, migrated by the application's own Flyway scripts.
 * Tests call {@link #truncateAll()} to start from empty tables instead of paying for a new server.
 */
public final class TestDatabase {
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::close));
        }
        return postgres.getPostgresDatabase();
    }

    public static String jdbcUrl() {
        dataSource();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public static JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    /** Empties every table Flyway created (keeps the schema history). */
    public static void truncateAll() {
        JdbcTemplate jdbc = jdbc();
        List<String> tables = jdbc.queryForList("""
                select quote_ident(tablename) from pg_tables
                where schemaname = 'public' and tablename <> 'flyway_schema_history'""", String.class);
        if (!tables.isEmpty()) {
            jdbc.execute("truncate " + String.join(", ", tables) + " restart identity cascade");
        }
    }

    private static synchronized void close() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // the JVM is exiting; the data directory is temporary
        }
    }
}
