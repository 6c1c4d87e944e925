package com.partnersync.warehouse;

import com.partnersync.mapping.Deletion;
import com.partnersync.mapping.MappedRow;
import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.RecordError;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarehouseWriterTest {
    private static final Instant T1 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-06T10:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final WarehouseWriter writer = new WarehouseWriter(TestDatabase.dataSource());
    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.dataSource());

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    private static MappedRow opportunity(String id, Instant modified, String stage, String amount) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("name", "Deal \"" + id + "\", with, commas");
        columns.put("stage", stage);
        columns.put("amount", amount == null ? null : new BigDecimal(amount));
        columns.put("close_date", LocalDate.of(2026, 3, 31));
        columns.put("is_won", Boolean.FALSE);
        columns.put("contact_source_ids", List.of("c1", "c\"2"));
        return new MappedRow("opportunity", "salesforce", id, modified, columns,
                "{\"Id\":\"" + id + "\",\"StageName\":\"" + stage + "\",\"SystemModstamp\":\"" + modified + "\"}");
    }

    private PageCounts commit(List<MappedRow> rows, List<Deletion> deletions, List<RecordError> errors, Checkpoint checkpoint) {
        return writer.commit(new PageCommit(0, "salesforce", "Opportunity", new MappingResult(rows, deletions, errors), checkpoint));
    }

    @Test
    void insertsThenLeavesUnchangedRowsUntouched() {
        List<MappedRow> page = List.of(opportunity("006A", T1, "Prospecting", "1000.50"), opportunity("006B", T1, "Closed Won", null));

        assertThat(commit(page, List.of(), List.of(), null)).isEqualTo(new PageCounts(2, 0, 0, 0, 0));
        var syncedAt = jdbc.queryForList("select synced_at from opportunity order by source_id");
        assertThat(commit(page, List.of(), List.of(), null)).isEqualTo(new PageCounts(0, 0, 2, 0, 0));

        assertThat(jdbc.queryForList("select synced_at from opportunity order by source_id")).isEqualTo(syncedAt);
        assertThat(jdbc.queryForMap("select name, amount, close_date, contact_source_ids::text as contacts, deleted from opportunity where source_id = '006A'"))
                .containsEntry("name", "Deal \"006A\", with, commas")
                .containsEntry("amount", new BigDecimal("1000.50"))
                .containsEntry("contacts", "{c1,\"c\\\"2\"}")
                .containsEntry("deleted", false);
        assertThat(jdbc.queryForObject("select amount from opportunity where source_id = '006B'", BigDecimal.class)).isNull();
    }

    @Test
    void updatesChangedRowsButNeverOverwritesANewerVersionWithAnOlderOne() {
        commit(List.of(opportunity("006A", T2, "Negotiation", "10")), List.of(), List.of(), null);

        assertThat(commit(List.of(opportunity("006A", T1, "Prospecting", "10")), List.of(), List.of(), null).unchanged()).isEqualTo(1);
        assertThat(commit(List.of(opportunity("006A", T2.plusSeconds(1), "Closed Won", "10")), List.of(), List.of(), null).updated()).isEqualTo(1);

        assertThat(jdbc.queryForObject("select stage from opportunity where source_id = '006A'", String.class)).isEqualTo("Closed Won");
    }

    @Test
    void softDeletesAndCountsOnlyRowsThatWereLive() {
        commit(List.of(opportunity("006A", T1, "Prospecting", "1")), List.of(), List.of(), null);
        Deletion deletion = new Deletion("opportunity", "salesforce", "006A", T2);

        assertThat(commit(List.of(), List.of(deletion, new Deletion("opportunity", "salesforce", "006UNKNOWN", T2)), List.of(), null).deleted())
                .isEqualTo(1);
        assertThat(commit(List.of(), List.of(deletion), List.of(), null).deleted()).isZero();
        assertThat(jdbc.queryForObject("select deleted from opportunity where source_id = '006A'", Boolean.class)).isTrue();
    }

    @Test
    void keepsRecordErrorsWithRawPayloadAndSavesTheCheckpointWithThePage() {
        RecordError error = new RecordError("salesforce", "Opportunity", "006BAD", "CloseDate -> close_date",
                "not a date: 'soon'", "{\"Id\":\"006BAD\",\"CloseDate\":\"soon\"}");
        Checkpoint checkpoint = new Checkpoint(T1, "006A");

        PageCounts counts = commit(List.of(opportunity("006A", T1, "Prospecting", "1")), List.of(), List.of(error), checkpoint);

        assertThat(counts.errors()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select record_id, field, message, raw->>'CloseDate' as close_date from sync_error"))
                .containsEntry("record_id", "006BAD").containsEntry("field", "CloseDate -> close_date")
                .containsEntry("message", "not a date: 'soon'").containsEntry("close_date", "soon");
        assertThat(checkpoints.load("salesforce", "Opportunity")).contains(checkpoint);
    }

    @Test
    void aRowPostgreSQLRefusesIsIsolatedInSyncErrorAndTheRestOfThePageCommitsWithItsCheckpoint() {
        // a NUL reaching COPY (the mapping removes them; this writer must not depend on it) fails the whole COPY
        MappedRow withNul = opportunity("006X", T1, "Prospecting", "1");
        withNul.columns().put("name", "bad\u0000name");
        List<MappedRow> page = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            page.add(opportunity("006A%02d".formatted(i), T1, "Prospecting", "1"));
        }
        page.add(17, withNul);

        PageCounts counts = commit(page, List.of(), List.of(), new Checkpoint(T1, "006A49"));

        assertThat(counts.inserted()).isEqualTo(50);
        assertThat(counts.errors()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from opportunity", Integer.class)).isEqualTo(50);
        assertThat(jdbc.queryForMap("select record_id, field, problem from sync_error"))
                .containsEntry("record_id", "006X").containsEntry("field", "opportunity")
                .containsEntry("problem", "PostgreSQL refused the row");
        assertThat(jdbc.queryForObject("select message from sync_error", String.class)).contains("0x00");
        assertThat(checkpoints.load("salesforce", "Opportunity")).contains(new Checkpoint(T1, "006A49"));
    }

    @Test
    void aPageTheDatabaseCannotTakeRollsBackRowsErrorsAndCheckpointTogether() {
        MappedRow unknownTable = new MappedRow("no_such_table", "salesforce", "006X", T1, Map.of("source", "direct"), "{}");

        assertThatThrownBy(() -> commit(List.of(opportunity("006A", T1, "Prospecting", "1"), unknownTable), List.of(),
                List.of(), new Checkpoint(T1, "006X"))).isInstanceOf(WarehouseException.class);

        assertThat(jdbc.queryForObject("select count(*) from opportunity", Integer.class)).isZero();
        assertThat(checkpoints.load("salesforce", "Opportunity")).isEmpty();
    }

    /**
     * Polling and the change stream may deliver one record's versions in any order: whatever arrives, the row ends
     * at the newest version (a delete older than the row's version is ignored, an upsert older than a delete too).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "delete newer than the row,    T1, delete, T2, true",
            "delete older than the row,    T2, delete, T1, false",
            "delete at the row's version,  T1, delete, T1, true",
            "upsert older than the delete, T2, upsert, T1, true",
            "upsert newer than the delete, T1, upsert, T2, false"})
    void theNewerSourceVersionWinsWhateverTheOrderOfArrival(String rule, String first, String then, String at,
                                                            boolean deleted) {
        Map<String, Instant> times = Map.of("T1", T1, "T2", T2);
        commit(List.of(opportunity("006A", times.get(first), "Prospecting", "1")), List.of(), List.of(), null);
        if (then.equals("upsert")) {
            // the row is deleted first at its own version, then an upsert arrives
            commit(List.of(), List.of(new Deletion("opportunity", "salesforce", "006A", times.get(first))), List.of(), null);
            commit(List.of(opportunity("006A", times.get(at), "Closed Won", "1")), List.of(), List.of(), null);
        } else {
            commit(List.of(), List.of(new Deletion("opportunity", "salesforce", "006A", times.get(at))), List.of(), null);
        }

        assertThat(jdbc.queryForObject("select deleted from opportunity where source_id = '006A'", Boolean.class))
                .as(rule).isEqualTo(deleted);
    }

    @Test
    void savesTheStreamPositionWithThePage() {
        StreamPosition position = new StreamPosition("salesforce", "/data/ChangeEvents", "AAAAAAAAAAc=", T2);

        writer.commit(new PageCommit(0, "salesforce", "Opportunity", new MappingResult(
                List.of(opportunity("006A", T1, "Prospecting", "1")), List.of(), List.of()), null, position));

        assertThat(new StreamPositionStore(TestDatabase.dataSource()).load("salesforce", "/data/ChangeEvents")).contains(position);
        assertThat(checkpoints.load("salesforce", "Opportunity")).isEmpty();
    }

    @Test
    void aPageTheDatabaseCannotTakeDoesNotMoveTheStreamPosition() {
        MappedRow unknownTable = new MappedRow("no_such_table", "salesforce", "006X", T1, Map.of("source", "direct"), "{}");

        assertThatThrownBy(() -> writer.commit(new PageCommit(0, "salesforce", "Opportunity", new MappingResult(
                List.of(opportunity("006A", T1, "Prospecting", "1"), unknownTable), List.of(), List.of()), null,
                new StreamPosition("salesforce", "/data/ChangeEvents", "AAAAAAAAAAc=", T2))))
                .isInstanceOf(WarehouseException.class);

        assertThat(new StreamPositionStore(TestDatabase.dataSource()).load("salesforce", "/data/ChangeEvents")).isEmpty();
    }
}
