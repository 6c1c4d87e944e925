package com.partnersync.hubspot;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Progress of HubSpot full loads (table hubspot_list_cursor). Saved right after each page commit: a crash between
 * the two re-reads one page, which the idempotent upsert absorbs.
 */
public class ListCursorStore {
    private final JdbcTemplate jdbc;

    public ListCursorStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public record ListCursor(String after, Instant startedAt) {
    }

    public Optional<ListCursor> load(String object) {
        return jdbc.query("select after, started_at from hubspot_list_cursor where object = ?",
                (rs, i) -> new ListCursor(rs.getString(1), rs.getTimestamp(2).toInstant()), object).stream().findFirst();
    }

    public void save(String object, ListCursor cursor) {
        jdbc.update("""
                insert into hubspot_list_cursor (object, after, started_at, updated_at) values (?, ?, ?, now())
                on conflict (object) do update set after = excluded.after, started_at = excluded.started_at, updated_at = now()""",
                object, cursor.after(), Timestamp.from(cursor.startedAt()));
    }

    public void delete(String object) {
        jdbc.update("delete from hubspot_list_cursor where object = ?", object);
    }
}
