package com.partnersync.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.Optional;

/** Reads change-stream positions; they are written only by {@link WarehouseWriter}, together with their changes. */
public class StreamPositionStore {
    private final JdbcTemplate jdbc;

    public StreamPositionStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Optional<StreamPosition> load(String sourceSystem, String channel) {
        return jdbc.query("select replay_id, event_time from sync_stream_position where source_system = ? and channel = ?",
                        (rs, i) -> new StreamPosition(sourceSystem, channel, rs.getString(1), rs.getTimestamp(2).toInstant()),
                        sourceSystem, channel)
                .stream().findFirst();
    }

    static void save(JdbcTemplate jdbc, StreamPosition position) {
        jdbc.update("""
                        insert into sync_stream_position (source_system, channel, replay_id, event_time, updated_at)
                        values (?, ?, ?, ?, now())
                        on conflict (source_system, channel) do update
                        set replay_id = excluded.replay_id, event_time = excluded.event_time, updated_at = now()""",
                position.sourceSystem(), position.channel(), position.replayId(), Timestamp.from(position.eventTime()));
    }
}
