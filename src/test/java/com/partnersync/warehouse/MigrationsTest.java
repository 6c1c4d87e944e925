package com.partnersync.warehouse;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {
    @Test
    void migrationsCreateEverySyncedTableWithLineageAndNaturalKey() {
        var jdbc = TestDatabase.jdbc();
        for (String table : new String[]{"partner", "account", "opportunity", "activity", "lead", "deal_registration"}) {
            var columns = jdbc.queryForList(
                    "select column_name from information_schema.columns where table_name = ?", String.class, table);
            assertThat(columns).as(table).contains("source_system", "source_id", "source_modified_at", "synced_at", "deleted", "raw");
            Integer uniqueKeys = jdbc.queryForObject("""
                    select count(*) from pg_constraint c join pg_class t on t.oid = c.conrelid
                    where t.relname = ? and c.contype = 'u'
                      and pg_get_constraintdef(c.oid) = 'UNIQUE (source_system, source_id)'""", Integer.class, table);
            assertThat(uniqueKeys).as(table + " natural key").isEqualTo(1);
        }
    }

    @Test
    void everyTableAndColumnIsDocumentedForAnalysts() {
        var undocumented = TestDatabase.jdbc().queryForList("""
                select c.table_name || '.' || c.column_name from information_schema.columns c
                join pg_class t on t.relname = c.table_name and t.relkind in ('r', 'v')
                join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
                where c.table_schema = 'public' and c.table_name <> 'flyway_schema_history'
                  and col_description(t.oid, c.ordinal_position) is null
                union all
                select t.relname from pg_class t join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
                where t.relkind in ('r', 'v') and t.relname <> 'flyway_schema_history' and obj_description(t.oid) is null
                """, String.class);
        assertThat(undocumented).isEmpty();
    }
}
