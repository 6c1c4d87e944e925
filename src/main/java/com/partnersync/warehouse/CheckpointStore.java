package com.partnersync.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.Optional;

/** Reads per-object checkpoints; they are written only by {@link WarehouseWriter}, together with their page. */
public class CheckpointStore {
    private final JdbcTemplate jdbc;

    public CheckpointStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Optional<Checkpoint> load(String sourceSystem, String object) {
        return jdbc.query("select last_modified_at, last_id from sync_checkpoint where source_system = ? and object = ?",
                        (rs, i) -> new Checkpoint(rs.getTimestamp(1).toInstant(), rs.getString(2)), sourceSystem, object)
                .stream().findFirst();
    }

    /** Forgets an object's checkpoint so its next sync is a full load (used by {@code sync --full}). */
    public void reset(String sourceSystem, String object) {
        jdbc.update("delete from sync_checkpoint where source_system = ? and object = ?", sourceSystem, object);
    }

    static void save(JdbcTemplate jdbc, String sourceSystem, String object, Checkpoint checkpoint) {
        jdbc.update("""
                        insert into sync_checkpoint (source_system, object, last_modified_at, last_id, updated_at)
                        values (?, ?, ?, ?, now())
                        on conflict (source_system, object) do update
                        set last_modified_at = excluded.last_modified_at, last_id = excluded.last_id, updated_at = now()""",
                sourceSystem, object, Timestamp.from(checkpoint.lastModifiedAt()), checkpoint.lastId());
    }
}
