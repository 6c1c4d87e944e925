package com.partnersync.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** Run history: one sync_run row per cycle or command, one sync_run_object row per CRM object it touched. */
public class SyncRuns {
    private final JdbcTemplate jdbc;

    public SyncRuns(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public long start(String command) {
        return jdbc.queryForObject("insert into sync_run (command) values (?) returning id", Long.class, command);
    }

    public void recordObject(long runId, ObjectSummary s) {
        jdbc.update("""
                        insert into sync_run_object (run_id, source_system, object, status, read_count, inserted, updated,
                                                     deleted, errors, api_calls, seconds, message)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                runId, s.sourceSystem(), s.object(), s.status(), s.read(), s.inserted(), s.updated(), s.deleted(),
                s.errors(), s.apiCalls(), s.seconds(), s.message());
    }

    /** The reconcile table of one object, on the row {@link #recordObject} wrote. */
    public void recordReconciliation(long runId, String sourceSystem, String object, Reconciliation.Counts c) {
        jdbc.update("""
                        update sync_run_object set crm_live = ?, warehouse_live = ?, missing = ?, extra = ?, fixed = ?
                        where run_id = ? and source_system = ? and object = ?""",
                c.crmLive(), c.warehouseLive(), c.missing(), c.extra(), c.fixed(), runId, sourceSystem, object);
    }

    public void finish(long runId, String status) {
        jdbc.update("update sync_run set status = ?, ended_at = now() where id = ?", status, runId);
    }
}
