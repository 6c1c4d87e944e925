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
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Commits one page of mapped records: upserts, soft-deletes, sync errors and the checkpoint in ONE transaction,
 * so a crash replays at most the page in flight and the upsert makes that replay harmless.
 *
 * <p>Rows go through COPY into a session-temporary staging table and one {@code INSERT ... ON CONFLICT} per table:
 * the cheapest way PostgreSQL offers to upsert thousands of rows, and it lets the database skip rows whose values
 * did not change (so a re-run touches nothing) and refuse to overwrite a newer source version with an older one.
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

    public PageCounts commit(PageCommit page) {
        listeners.forEach(l -> l.beforeCommit(page));
        PageCounts counts = commitPage(page);
        listeners.forEach(l -> l.committed(page, counts));
        return counts;
    }

    private PageCounts commitPage(PageCommit page) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                PageCounts counts = commit(connection, page);
                connection.commit();
                return counts;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | IOException | DataAccessException e) {
            throw new WarehouseException("could not commit a page of " + page.sourceSystem() + " " + page.object(), e);
        }
    }

    private PageCounts commit(Connection connection, PageCommit page) throws SQLException, IOException {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        for (List<MappedRow> group : groupByTableAndColumns(page.mapped().rows())) {
            int[] counts = upsert(connection, jdbc, group);
            inserted += counts[0];
            updated += counts[1];
            unchanged += group.size() - counts[0] - counts[1];
        }
        int deleted = softDelete(connection, page.mapped().deletions());
        insertErrors(jdbc, page.runId(), page.mapped().errors());
        if (page.checkpoint() != null) {
            CheckpointStore.save(jdbc, page.sourceSystem(), page.object(), page.checkpoint());
        }
        return new PageCounts(inserted, updated, unchanged, deleted, page.mapped().errors().size());
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

    /** @return {inserted, updated} */
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
                        synced_at = now()%4$s
                    where (t.source_modified_at is null or excluded.source_modified_at is null
                           or excluded.source_modified_at >= t.source_modified_at)
                      and (t.deleted, t.raw%5$s) is distinct from (false, excluded.raw%6$s)
                    returning (xmax = 0) as inserted)
                select count(*) filter (where inserted), count(*) filter (where not inserted) from upserted
                """.formatted(table, columnList, stage, updates.isEmpty() ? "" : ", " + updates,
                current.isEmpty() ? "" : ", " + current, incoming.isEmpty() ? "" : ", " + incoming);
        return jdbc.queryForObject(sql, (rs, i) -> new int[]{rs.getInt(1), rs.getInt(2)});
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
                    update %s t set deleted = true, synced_at = now(),
                        source_modified_at = greatest(t.source_modified_at, d.modified_at)
                    from unnest(?::text[], ?::timestamptz[]) as d(source_id, modified_at)
                    where t.source_system = ? and t.source_id = d.source_id and not t.deleted"""
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

    private static void insertErrors(JdbcTemplate jdbc, long runId, List<RecordError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                        insert into sync_error (run_id, source_system, object, record_id, field, message, raw)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb)""",
                errors.stream().map(e -> new Object[]{runId > 0 ? runId : null, e.sourceSystem(), e.object(),
                        e.recordId(), e.field(), e.message(), e.rawJson()}).toList());
    }

    /** Table and column names come from validated mappings; this guard keeps SQL built from them safe regardless. */
    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a model identifier: " + name);
        }
        return name;
    }
}
