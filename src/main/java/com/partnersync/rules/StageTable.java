package com.partnersync.rules;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fills a temp stage table in one statement: every column travels as one text array and is unnested and cast to the
 * stage column's type server-side, which is far faster than a JDBC batch of one insert per row.
 */
final class StageTable {
    private StageTable() {
    }

    /** Loads the rows (values in {@code columns} order) into the existing table {@code stage}. */
    static void load(JdbcTemplate jdbc, String stage, List<String> columns, List<Object[]> rows) {
        List<String> types = columns.stream().map(c -> jdbc.queryForObject("""
                select format_type(atttypid, atttypmod) from pg_attribute
                where attrelid = ?::regclass and attname = ? and not attisdropped""", String.class, stage, c)).toList();
        String casts = IntStream.range(0, columns.size()).mapToObj(i -> "c" + i + "::" + types.get(i))
                .collect(Collectors.joining(", "));
        String arrays = IntStream.range(0, columns.size()).mapToObj(i -> "?::text[]").collect(Collectors.joining(", "));
        String aliases = IntStream.range(0, columns.size()).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("insert into " + stage + " (" + String.join(", ", columns) + ") select "
                    + casts + " from unnest(" + arrays + ") as u(" + aliases + ")");
            for (int c = 0; c < columns.size(); c++) {
                String[] values = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    values[r] = text(rows.get(r)[c]);
                }
                ps.setArray(c + 1, connection.createArrayOf("text", values));
            }
            return ps;
        });
    }

    /** PostgreSQL input text of a value; lists become array literals, instants carry their zone. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return value.toString();
    }
}
