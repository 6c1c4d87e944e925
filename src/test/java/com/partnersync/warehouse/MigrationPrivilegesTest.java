package com.partnersync.warehouse;

import com.partnersync.warehouse.ReaderRoleCallback.ReaderRoleMissingException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations run as a database owner that is neither superuser nor allowed to create roles (README: Privileges). */
class MigrationPrivilegesTest {

    @Test
    void ownerWithoutCreateRoleIsToldWhatTheAdministratorRunsThenMigrates() throws IOException {
        // its own server: roles belong to the whole server, and this one starts without partner_sync_reader
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            JdbcTemplate admin = new JdbcTemplate(server.getPostgresDatabase());
            DataSource owner = databaseOwnedBy(server, admin, "nocreaterole");

            assertThatThrownBy(() -> migrate(owner)).rootCause()
                    .isInstanceOf(ReaderRoleMissingException.class)
                    .hasMessage("The database user 'partner_sync_owner' may not create roles and role partner_sync_reader "
                            + "does not exist: an administrator must run once, in this PostgreSQL server: "
                            + "CREATE ROLE partner_sync_reader NOLOGIN;");

            admin.execute(ReaderRoleCallback.CREATE_ROLE);
            assertThat(migrate(owner).success).isTrue();
            assertReaderGrants(owner);

            // the role dropped and the owner now allowed to create roles: the next start re-creates and re-grants it
            JdbcTemplate adminInConnectorDatabase = new JdbcTemplate(server.getDatabase("postgres", "partner_sync"));
            adminInConnectorDatabase.execute("drop owned by partner_sync_reader");
            admin.execute("drop role partner_sync_reader");
            admin.execute("alter role partner_sync_owner createrole");
            MigrateResult again = migrate(owner);
            assertThat(again.migrationsExecuted).as("nothing left to migrate").isZero();
            assertThat(admin.queryForMap("select rolcanlogin, rolsuper from pg_roles where rolname = 'partner_sync_reader'"))
                    .isEqualTo(Map.of("rolcanlogin", false, "rolsuper", false));
            assertReaderGrants(owner);
        }
    }

    /** A login role owning a new database, as a DBA would set it up for the connector: no superuser, no CREATEDB. */
    private static DataSource databaseOwnedBy(EmbeddedPostgres server, JdbcTemplate admin, String createRole) {
        admin.execute("create role partner_sync_owner login password 'owner-password' nosuperuser nocreatedb " + createRole);
        admin.execute("create database partner_sync owner partner_sync_owner");
        return server.getDatabase("partner_sync_owner", "partner_sync", Map.of("password", "owner-password"));
    }

    private static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).callbacks(new ReaderRoleCallback()).load().migrate();
    }

    private static void assertReaderGrants(DataSource owner) {
        JdbcTemplate jdbc = new JdbcTemplate(owner);
        assertThat(jdbc.queryForObject("select has_table_privilege('partner_sync_reader', 'v_program_health', 'select')",
                Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("select has_table_privilege('partner_sync_reader', 'writeback_outbox', 'select')",
                Boolean.class)).isFalse();
    }
}
