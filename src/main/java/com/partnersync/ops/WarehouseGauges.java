package com.partnersync.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics the warehouse knows: how far behind each object is, its open sync errors, and the write-back queue. Read
 * with three queries at most once per {@link #MAX_AGE} however many gauges a scrape reads, and only when scraped.
 */
public class WarehouseGauges {
    static final Duration MAX_AGE = Duration.ofSeconds(5);
    /** Every writeback_outbox status (its check constraint), so each state's gauge exists even at zero. */
    static final List<String> WRITEBACK_STATES = List.of("PENDING", "SENDING", "SENT", "NOOP", "FAILED", "SKIPPED", "SUPERSEDED");

    private final JdbcTemplate jdbc;
    private volatile Snapshot snapshot = new Snapshot(0, Map.of(), Map.of(), Map.of(), Double.NaN);

    private record Snapshot(long readAtNanos, Map<String, Double> lag, Map<String, Double> openErrors,
                            Map<String, Double> writeback, double oldestPendingSeconds) {
    }

    public WarehouseGauges(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** @param objects source system to its synced objects */
    public void register(MeterRegistry registry, Map<String, List<String>> objects) {
        objects.forEach((source, names) -> names.forEach(object -> {
            String key = source + "/" + object;
            Gauge.builder("partner_sync_lag_seconds", () -> current().lag.getOrDefault(key, Double.NaN))
                    .description("Now minus the time up to which the object is known complete (its checkpoint, or "
                            + "the start of its last successful read if later)")
                    .tags("source", source, "object", object).register(registry);
            Gauge.builder("partner_sync_sync_errors_open", () -> current().openErrors.getOrDefault(key, 0.0))
                    .description("Records or fields of the object that could not be loaded, still unresolved")
                    .tags("source", source, "object", object).register(registry);
        }));
        for (String state : WRITEBACK_STATES) {
            Gauge.builder("partner_sync_writeback_queue", () -> current().writeback.getOrDefault(state, 0.0))
                    .description("Write-back outbox entries by state").tag("state", state).register(registry);
        }
        Gauge.builder("partner_sync_writeback_oldest_pending_seconds", () -> current().oldestPendingSeconds)
                .description("Age of the oldest write-back waiting to be sent (0 when none)").register(registry);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (System.nanoTime() - s.readAtNanos < MAX_AGE.toNanos() && s.readAtNanos != 0) {
            return s;
        }
        synchronized (this) {
            if (snapshot != s) {
                return snapshot;
            }
            snapshot = read();
            return snapshot;
        }
    }

    private Snapshot read() {
        Map<String, Double> lag = new HashMap<>();
        jdbc.query("""
                with complete as (
                    select o.source_system, o.object, max(r.started_at) as upto
                    from sync_run_object o join sync_run r on r.id = o.run_id
                    where o.status = 'SUCCEEDED' group by o.source_system, o.object
                    union all
                    select source_system, object, last_modified_at from sync_checkpoint)
                select source_system, object, extract(epoch from now() - max(upto)) from complete
                group by source_system, object""",
                rs -> {
                    lag.put(rs.getString(1) + "/" + rs.getString(2), rs.getDouble(3));
                });
        Map<String, Double> errors = new HashMap<>();
        jdbc.query(OPEN_ERRORS, rs -> {
            errors.put(rs.getString(1) + "/" + rs.getString(2), rs.getDouble(3));
        });
        Map<String, Double> writeback = new HashMap<>();
        jdbc.query("select status, count(*) from writeback_outbox group by status", rs -> {
            writeback.put(rs.getString(1), rs.getDouble(2));
        });
        Double oldest = jdbc.queryForObject("""
                select coalesce(extract(epoch from now() - min(enqueued_at)), 0) from writeback_outbox
                where status in ('PENDING', 'SENDING')""", Double.class);
        return new Snapshot(System.nanoTime(), lag, errors, writeback, oldest == null ? 0 : oldest);
    }

    /** sync_error rows not resolved yet (v_sync_error_open): what an operator has to look at. */
    private static final String OPEN_ERRORS = """
            select source_system, object, count(*) from v_sync_error_open group by source_system, object""";
}
