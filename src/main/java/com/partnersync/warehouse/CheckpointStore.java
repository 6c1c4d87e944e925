package com.partnersync.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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

    /** Every change before this time has been read (see {@link #markReadThrough}); empty before a complete read. */
    public Optional<Instant> readThrough(String sourceSystem, String object) {
        return jdbc.query("select read_through from sync_checkpoint where source_system = ? and object = ? and read_through is not null",
                (rs, i) -> rs.getTimestamp(1).toInstant(), sourceSystem, object).stream().findFirst();
    }

    /**
     * Records that a read which started at {@code startedAt} (minus the safety lag for changes committed late) saw every
     * change of the object: the next read may start there. Only moves forward; needs the object's checkpoint row.
     */
    public void markReadThrough(String sourceSystem, String object, Instant readThrough) {
        jdbc.update("""
                        update sync_checkpoint set read_through = greatest(read_through, ?)
                        where source_system = ? and object = ?""",
                Timestamp.from(readThrough), sourceSystem, object);
    }

    /** When the last complete walk of the archived list started (HubSpot deletions); empty before the first. */
    public Optional<Instant> archivedScannedAt(String sourceSystem, String object) {
        return jdbc.query("select archived_scanned_at from sync_checkpoint where source_system = ? and object = ? and archived_scanned_at is not null",
                (rs, i) -> rs.getTimestamp(1).toInstant(), sourceSystem, object).stream().findFirst();
    }

    /** Records a complete walk of the archived list that started at {@code startedAt}; needs the checkpoint row. */
    public void markArchivedScanned(String sourceSystem, String object, Instant startedAt) {
        jdbc.update("update sync_checkpoint set archived_scanned_at = ? where source_system = ? and object = ?",
                Timestamp.from(startedAt), sourceSystem, object);
    }

    /**
     * Where the next read starts: the checkpoint moved back by the look-back, or the read-through time when that is
     * later (then compared on time alone).
     */
    public Optional<Checkpoint> resumeFrom(String sourceSystem, String object, Duration lookBack) {
        Optional<Checkpoint> checkpoint = load(sourceSystem, object);
        if (checkpoint.isEmpty()) {
            return checkpoint;
        }
        Checkpoint from = lookBack.isZero() ? checkpoint.get()
                : new Checkpoint(checkpoint.get().lastModifiedAt().minus(lookBack), "");
        Optional<Instant> through = readThrough(sourceSystem, object);
        return Optional.of(through.isPresent() && through.get().isAfter(from.lastModifiedAt())
                ? new Checkpoint(through.get(), "") : from);
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
