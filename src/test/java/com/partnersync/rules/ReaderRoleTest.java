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

/**
 * partner_sync_reader, the role BI tools connect with: reads exactly what README says (the model, the rules' and
 * dedup's results, the analyst views), never the write-back queue, match keys, cursors, checkpoints or bookkeeping.
 */
class ReaderRoleTest {
    /** README "The data model": the relations partner_sync_reader may select (db/migration/afterMigrate__reader_grants.sql). */
    static final String[] READABLE = {
            "account", "activity", "deal_registration", "deal_registration_credit", "deal_registration_status_history",
            "lead", "lead_cluster", "lead_duplicate_event", "opportunity", "opportunity_attribution",
            "opportunity_influence", "partner", "partner_segment_history",
            "v_cosell_pipeline_weekly", "v_lead_match_review", "v_partner_opportunity", "v_partner_opportunity_credit", "v_partner_scorecard_quarterly",
            "v_program_health"};

    @Test
    void readerSelectsExactlyTheListedRelations() {
        assertThat(TestDatabase.jdbc().queryForList("""
                select c.relname from pg_class c
                where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
                  and has_table_privilege('partner_sync_reader', c.oid, 'select')
                order by 1""", String.class)).containsExactly(READABLE);
    }

    @Test
    void readerChangesNothing() {
        assertThat(TestDatabase.jdbc().queryForList("""
                select c.relname from pg_class c
                where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
                  and (has_table_privilege('partner_sync_reader', c.oid, 'insert, update, delete, truncate, references, trigger')
                       or c.relkind = 'S' and has_sequence_privilege('partner_sync_reader', c.oid, 'usage, select, update'))""",
                String.class)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "select count(*) from v_program_health; allowed",
            "select count(*) from v_partner_scorecard_quarterly; allowed",
            "select count(*) from v_cosell_pipeline_weekly; allowed",
            "select count(*) from opportunity_attribution; allowed",
            "select count(*) from partner; allowed",
            "select count(*) from lead_cluster; allowed",
            "insert into partner (source_system, source_id, partner_id) values ('salesforce', 'x', 'x'); denied",
            "update deal_registration set status = 'APPROVED'; denied",
            "delete from opportunity_attribution; denied",
            "select payload from writeback_outbox; denied",
            "select count(*) from writeback_errors; denied",
            "select count(*) from writeback_field_state; denied",
            "select key from lead_match_key; denied",
            "select fields from lead_match_evidence; denied",
            "select fields from lead_match_review; denied",
            "select why from lead_cluster_explained; denied",
            "select status, fields from v_lead_match_review; allowed",
            "select count(*) from sync_checkpoint; denied",
            "select count(*) from hubspot_list_cursor; denied",
            "select count(*) from sync_run; denied",
            "select count(*) from sync_error; denied",
            "select count(*) from flyway_schema_history; denied",
            "select count(*) from reader_role_later_table; denied",
    })
    void readerCanSelectTheModelAndViewsAndNothingElse(String sql, String outcome) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // a table created after the migrations, like a later migration's, is readable only once it is listed
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
