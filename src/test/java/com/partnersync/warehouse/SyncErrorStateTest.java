package com.partnersync.warehouse;

import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** sync_error is the current state of each (source, object, record, field, problem), not a log of every run. */
class SyncErrorStateTest {
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final WarehouseWriter writer = new WarehouseWriter(TestDatabase.dataSource());
    private final SyncRuns runs = new SyncRuns(TestDatabase.dataSource());

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    private static SourceRecord opportunity(int i, String closeDate) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Id", id(i));
        fields.put("Name", "Deal " + i);
        fields.put("CloseDate", closeDate);
        return new SourceRecord("salesforce", "Opportunity", id(i), T0.plusSeconds(i), false, fields,
                "{\"Id\":\"" + id(i) + "\",\"CloseDate\":\"" + closeDate + "\"}");
    }

    private static String id(int i) {
        return "0065g00000%05dAAQ".formatted(i);
    }

    /** One run reading records 0..19; those in {@code failing} carry a close date that is not a date. */
    private void run(Set<Integer> failing) {
        long runId = runs.start("test");
        List<SourceRecord> page = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            page.add(opportunity(i, failing.contains(i) ? "soon (run " + runId + ")" : "2026-12-31"));
        }
        writer.commit(new PageCommit(runId, "salesforce", "Opportunity", MAPPINGS.map(page), null));
        runs.finish(runId, "SUCCEEDED");
    }

    @Test
    void sixteenRunsOverElevenFailingRecordsLeaveElevenOpenRowsSeenSixteenTimes() {
        Set<Integer> failing = Set.of(0, 1, 2, 3, 5, 8, 13, 14, 15, 16, 19);
        for (int run = 0; run < 16; run++) {
            run(failing);
        }

        assertThat(jdbc.queryForObject("select count(*) from sync_error", Integer.class)).isEqualTo(11);
        assertThat(jdbc.queryForList("select occurrences from v_sync_error_open", Integer.class))
                .hasSize(11).containsOnly(16);
        Map<String, Object> row = jdbc.queryForMap("select * from v_sync_error_open where record_id = ?", id(0));
        assertThat(row).containsEntry("field", "CloseDate -> close_date").containsEntry("severity", "error")
                .containsEntry("problem", "opportunity.close_date (mappings/salesforce/opportunity.yml): not a date");
        // the latest message and run, the first and last time seen
        long lastRun = jdbc.queryForObject("select max(id) from sync_run", Long.class);
        assertThat(row.get("message").toString()).endsWith("'soon (run " + lastRun + ")'");
        assertThat(row).containsEntry("run_id", lastRun);
        assertThat((java.sql.Timestamp) row.get("first_seen")).isBefore((java.sql.Timestamp) row.get("last_seen"));
    }

    @Test
    void aFixedRecordResolvesItsRowAndAFailingOneAgainReopensIt() {
        run(Set.of(1, 2, 3));
        run(Set.of(1, 2, 3));

        run(Set.of(2)); // 1 and 3 were fixed in the CRM

        assertThat(jdbc.queryForList("select record_id from v_sync_error_open", String.class)).containsExactly(id(2));
        assertThat(jdbc.queryForList("select record_id from sync_error where resolved_at is not null order by record_id",
                String.class)).containsExactly(id(1), id(3));
        assertThat(jdbc.queryForObject("select count(*) from opportunity where not deleted", Integer.class)).isEqualTo(19);

        run(Set.of(1, 2)); // 1 breaks again: the same row, open again

        assertThat(jdbc.queryForList("select record_id || ':' || occurrences from v_sync_error_open order by record_id",
                String.class)).containsExactly(id(1) + ":3", id(2) + ":4");
        assertThat(jdbc.queryForObject("select count(*) from sync_error", Integer.class)).isEqualTo(3);
    }

    @Test
    void aRecordNotReadAgainKeepsItsRowOpen() {
        run(Set.of(4));
        long runId = runs.start("test");
        // an incremental page that does not contain record 4 says nothing about it
        writer.commit(new PageCommit(runId, "salesforce", "Opportunity", MAPPINGS.map(List.of(opportunity(7, "2026-12-31"))), null));

        assertThat(jdbc.queryForList("select record_id from v_sync_error_open", String.class)).containsExactly(id(4));
    }
}
