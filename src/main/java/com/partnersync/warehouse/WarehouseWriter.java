package com.partnersync.warehouse;

import com.partnersync.mapping.Deletion;
import com.partnersync.mapping.MappedRow;
import com.partnersync.mapping.RecordError;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Commits one page of mapped records: upserts, soft-deletes, sync errors and the checkpoint in ONE transaction,
 * so a crash replays at most the page in flight and the upsert makes that replay harmless.
 *
 * <p>Rows go through COPY into a session-temporary staging table and one {@code INSERT ... ON CONFLICT} per table:
 * the cheapest way PostgreSQL offers to upsert thousands of rows, and it lets the database skip rows whose values
 * did not change (so a re-run touches nothing) and refuse to overwrite a newer source version with an older one.
 * Soft deletes obey the same rule, so a late delete never hides a record the CRM has since restored: polling and
 * change streams may deliver one record's versions out of order, and the newer always wins.
 */
public class WarehouseWriter {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final List<String> LINEAGE = List.of("source_system", "source_id", "source_modified_at", "raw");

    private final DataSource dataSource;
    private final List<PageListener> listeners;

    public WarehouseWriter(DataSource dataSource) {
        this(dataSource, List.of());
    }

    public WarehouseWriter(DataSource dataSource, List<PageListener> listeners) {
        this.dataSource = dataSource;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Commits the page; if PostgreSQL refuses it for a data reason (a value it cannot store, a constraint), the rows
     * are split until the refused ones are isolated: each becomes a sync_error row and the rest of the page commits
     * with its checkpoint, so an object can never be stuck on one record.
     */
    public PageCounts commit(PageCommit page) {
        listeners.forEach(l -> l.beforeCommit(page));
        PageCounts counts = commitPage(page);
        listeners.forEach(l -> l.committed(page, counts));
        return counts;
    }

    /**
     * Waits {@code time} before the next page (polling a Bulk API job); a stop request (SIGTERM) ends the wait at once
     * with the exception {@link PageListener#beforeCommit} would throw, so the run stops at its last committed page
     * instead of after the job.
     */
    public void pause(Duration time) {
        try {
            for (PageListener listener : listeners) {
                if (listener.pause(time)) {
                    return;
                }
            }
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while waiting for the next page", e);
        }
    }

    private PageCounts commitPage(PageCommit page) {
        try {
            return inTransaction(page, false);
        } catch (WarehouseException e) {
            if (!dataProblem(e.getCause())) {
                throw e;
            }
            return inTransaction(page, true);
        }
    }

    private PageCounts inTransaction(PageCommit page, boolean isolate) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                PageCounts counts = commit(connection, page, isolate);
                connection.commit();
                return counts;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | IOException | DataAccessException e) {
            throw new WarehouseException("could not commit a page of " + page.sourceSystem() + " " + page.object()
                    + ": " + rootMessage(e), e);
        }
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint): the rows are at fault, not the database. */
    private static boolean dataProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private PageCounts commit(Connection connection, PageCommit page, boolean isolate) throws SQLException, IOException {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        List<RecordError> errors = new ArrayList<>(page.mapped().errors());
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        for (List<MappedRow> group : groupByTableAndColumns(page.mapped().rows())) {
            int[] counts = isolate ? upsertIsolating(connection, jdbc, page.object(), group, errors)
                    : upsert(connection, jdbc, group);
            inserted += counts[0];
            updated += counts[1];
            unchanged += counts[2];
        }
        int deleted = softDelete(connection, page.mapped().deletions());
        SyncErrors.report(jdbc, page.runId(), errors);
        Set<String> readAgain = new HashSet<>();
        page.mapped().rows().forEach(r -> readAgain.add(r.sourceId()));
        page.mapped().deletions().forEach(d -> readAgain.add(d.sourceId()));
        errors.stream().map(RecordError::recordId).filter(Objects::nonNull).forEach(readAgain::add);
        SyncErrors.resolveReadAgain(jdbc, page.sourceSystem(), page.object(), readAgain);
        if (page.checkpoint() != null) {
            CheckpointStore.save(jdbc, page.sourceSystem(), page.object(), page.checkpoint());
        }
        if (page.stream() != null) {
            StreamPositionStore.save(jdbc, page.stream());
        }
        return new PageCounts(inserted, updated, unchanged, deleted, (int) errors.stream().filter(e -> !e.warning()).count());
    }

    /** Upserts rows, halving a refused set under a savepoint until each refused row is alone and reported. */
    private int[] upsertIsolating(Connection connection, JdbcTemplate jdbc, String object, List<MappedRow> rows,
                                  List<RecordError> errors) throws SQLException, IOException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            int[] counts = upsert(connection, jdbc, rows);
            connection.releaseSavepoint(savepoint);
            return counts;
        } catch (SQLException | DataAccessException e) {
            connection.rollback(savepoint);
            if (!dataProblem(e)) {
                throw e;
            }
            if (rows.size() == 1) {
                MappedRow row = rows.get(0);
                errors.add(new RecordError(row.sourceSystem(), object, row.sourceId(), row.table(),
                        "PostgreSQL refused the row: '" + rootMessage(e) + "'", row.rawJson()));
                return new int[]{0, 0, 0};
            }
            int half = rows.size() / 2;
            int[] a = upsertIsolating(connection, jdbc, object, rows.subList(0, half), errors);
            int[] b = upsertIsolating(connection, jdbc, object, rows.subList(half, rows.size()), errors);
            return new int[]{a[0] + b[0], a[1] + b[1], a[2] + b[2]};
        }
    }

    /** Rows of one page grouped by (table, column list); within a group the last version of a record wins. */
    private static List<List<MappedRow>> groupByTableAndColumns(List<MappedRow> rows) {
        Map<String, Map<String, MappedRow>> groups = new LinkedHashMap<>();
        for (MappedRow row : rows) {
            String key = row.table() + ' ' + row.columns().keySet();
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(row.sourceSystem() + ':' + row.sourceId(), row);
        }
        return groups.values().stream().map(g -> (List<MappedRow>) new ArrayList<>(g.values())).toList();
    }

    /** @return {inserted, updated, unchanged} */
    private int[] upsert(Connection connection, JdbcTemplate jdbc, List<MappedRow> rows) throws SQLException, IOException {
        String table = identifier(rows.get(0).table());
        List<String> columns = rows.get(0).columns().keySet().stream().map(WarehouseWriter::identifier).toList();
        String stage = "ps_stage_" + table;
        jdbc.execute("create temp table if not exists " + stage + " as select * from " + table + " with no data");
        jdbc.execute("truncate " + stage);

        List<String> copied = new ArrayList<>(LINEAGE);
        copied.addAll(columns);
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (MappedRow row : rows) {
            CopyCsv.append(csv, row.sourceSystem());
            csv.append(',');
            CopyCsv.append(csv, row.sourceId());
            csv.append(',');
            CopyCsv.append(csv, row.sourceModifiedAt());
            csv.append(',');
            CopyCsv.append(csv, row.rawJson());
            for (Object value : row.columns().values()) {
                csv.append(',');
                CopyCsv.append(csv, value);
            }
            csv.append('\n');
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "copy " + stage + " (" + String.join(", ", copied) + ") from stdin with (format csv)",
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));

        String columnList = String.join(", ", copied);
        String updates = columns.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
        String current = columns.stream().map(c -> "t." + c).collect(Collectors.joining(", "));
        String incoming = columns.stream().map(c -> "excluded." + c).collect(Collectors.joining(", "));
        String sql = """
                with upserted as (
                    insert into %1$s as t (%2$s, deleted, synced_at)
                    select %2$s, false, now() from %3$s
                    on conflict (source_system, source_id) do update
                    set source_modified_at = excluded.source_modified_at, raw = excluded.raw, deleted = false,
                        deleted_reason = null, deleted_at = null, synced_at = now()%4$s
                    where (t.source_modified_at is null or excluded.source_modified_at is null
                           or excluded.source_modified_at >= t.source_modified_at)
                      and (t.deleted, t.raw%5$s) is distinct from (false, excluded.raw%6$s)
                    returning (xmax = 0) as inserted)
                select count(*) filter (where inserted), count(*) filter (where not inserted) from upserted
                """.formatted(table, columnList, stage, updates.isEmpty() ? "" : ", " + updates,
                current.isEmpty() ? "" : ", " + current, incoming.isEmpty() ? "" : ", " + incoming);
        return jdbc.queryForObject(sql, (rs, i) -> new int[]{rs.getInt(1), rs.getInt(2),
                rows.size() - rs.getInt(1) - rs.getInt(2)});
    }

    /** One statement per table and CRM rather than a round trip per deleted record. */
    private static int softDelete(Connection connection, List<Deletion> deletions) throws SQLException {
        Map<String, List<Deletion>> groups = new LinkedHashMap<>();
        for (Deletion d : deletions) {
            groups.computeIfAbsent(d.table() + ' ' + d.sourceSystem(), k -> new ArrayList<>()).add(d);
        }
        int deleted = 0;
        for (List<Deletion> group : groups.values()) {
            String sql = """
                    update %s t set deleted = true, deleted_reason = 'deleted',
                        deleted_at = coalesce(d.modified_at, now()), synced_at = now(),
                        source_modified_at = greatest(t.source_modified_at, d.modified_at)
                    from unnest(?::text[], ?::timestamptz[]) as d(source_id, modified_at)
                    where t.source_system = ? and t.source_id = d.source_id and not t.deleted
                      and (t.source_modified_at is null or d.modified_at is null or d.modified_at >= t.source_modified_at)"""
                    .formatted(identifier(group.get(0).table()));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("text",
                        group.stream().map(Deletion::sourceId).toArray()));
                statement.setArray(2, connection.createArrayOf("timestamptz", group.stream()
                        .map(d -> d.sourceModifiedAt() == null ? null : Timestamp.from(d.sourceModifiedAt())).toArray()));
                statement.setString(3, group.get(0).sourceSystem());
                deleted += statement.executeUpdate();
            }
        }
        return deleted;
    }

    /** Table and column names come from validated mappings; this guard keeps SQL built from them safe regardless. */
    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a model identifier: " + name);
        }
        return name;
    }
}
