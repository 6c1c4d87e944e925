package com.partnersync.rules;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes a computed table equal to the rows just computed, touching only what differs: rows go to a temp stage, rows no
 * longer computed are deleted, and new or different rows are upserted with {@code computed_at = now}. PostgreSQL compares
 * the values ({@code is distinct from}), so 100 and 100.00 are the same and an unchanged re-run writes nothing.
 * Must run inside a transaction (the stage is dropped on commit).
 */
final class ComputedTable {
    private final String table;
    private final List<String> keys;
    private final List<String> values;

    ComputedTable(String table, List<String> keys, List<String> values) {
        this.table = table;
        this.keys = keys;
        this.values = values;
    }

    /**
     * @param rows  key values then other values, in column order
     * @param scope SQL predicate over the target alias {@code t} limiting which existing rows may be deleted
     * @return rows deleted, inserted or updated
     */
    int replace(JdbcTemplate jdbc, List<Object[]> rows, Instant now, String scope) {
        String stage = "stage_" + table;
        List<String> columns = Stream.concat(Stream.concat(keys.stream(), values.stream()), Stream.of("computed_at")).toList();
        List<Object[]> withTime = rows.stream().map(row -> {
            Object[] full = Arrays.copyOf(row, row.length + 1);
            full[row.length] = now;
            return full;
        }).toList();
        jdbc.execute("create temp table " + stage + " (like " + table + ") on commit drop");
        StageTable.load(jdbc, stage, columns, withTime);
        String sameKey = keys.stream().map(k -> "s." + k + " = t." + k).collect(Collectors.joining(" and "));
        int deleted = jdbc.update("delete from " + table + " t where (" + scope + ") and not exists (select 1 from "
                + stage + " s where " + sameKey + ")");
        String set = Stream.concat(values.stream(), Stream.of("computed_at"))
                .map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
        int upserted = jdbc.update("insert into " + table + " (" + String.join(", ", columns) + ") select "
                + String.join(", ", columns) + " from " + stage + " on conflict (" + String.join(", ", keys)
                + ") do update set " + set + " where (" + prefixed(table + ".") + ") is distinct from ("
                + prefixed("excluded.") + ")");
        jdbc.execute("drop table " + stage);
        return deleted + upserted;
    }

    private String prefixed(String prefix) {
        return values.stream().map(v -> prefix + v).collect(Collectors.joining(", "));
    }
}
