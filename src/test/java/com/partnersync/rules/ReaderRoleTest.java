package com.partnersync.rules;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** partner_sync_reader, the role BI tools connect with: reads the model, the rules' tables and views, nothing else. */
class ReaderRoleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "select count(*) from v_program_health; allowed",
            "select count(*) from v_partner_scorecard_quarterly; allowed",
            "select count(*) from v_cosell_pipeline_weekly; allowed",
            "select count(*) from opportunity_attribution; allowed",
            "select count(*) from partner; allowed",
            "select count(*) from reader_role_later_table; allowed",
            "insert into partner (source_system, source_id, partner_id) values ('salesforce', 'x', 'x'); denied",
            "update deal_registration set status = 'APPROVED'; denied",
            "delete from opportunity_attribution; denied",
            "insert into reader_role_later_table values (1); denied",
            "select count(*) from sync_error; denied",
            "select count(*) from flyway_schema_history; denied",
    })
    void readerCanSelectTheModelAndViewsAndNothingElse(String sql, String outcome) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // a table created after the migrations, like a later migration's, is covered by the default privileges
            s.execute("create table reader_role_later_table (id int)");
            s.execute("set local role partner_sync_reader");
            if (outcome.equals("allowed")) {
                assertThatCode(() -> s.execute(sql)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> s.execute(sql)).hasMessageContaining("permission denied");
            }
            c.rollback();
        }
    }

    @Test
    void theRoleCannotLogInOrCreateAnything() {
        assertThat(TestDatabase.jdbc().queryForMap(
                "select rolcanlogin, rolcreatedb, rolcreaterole, rolsuper from pg_roles where rolname = 'partner_sync_reader'"))
                .containsEntry("rolcanlogin", false).containsEntry("rolcreatedb", false)
                .containsEntry("rolcreaterole", false).containsEntry("rolsuper", false);
    }
}
