package com.partnersync.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The warehouse side of reconciling one CRM object with the CRM: which rows are live, and soft-deleting those the
 * CRM no longer has ({@code deleted_reason = 'purged'}). A record the CRM purges (hard delete, emptied recycle bin,
 * GDPR delete) never shows up again as deleted, so without this its row would stay live forever.
 */
public class Reconciliation {
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    /** A reconcile run's table for one object; also stored in sync_run_object. */
    public record Counts(long crmLive, long warehouseLive, long missing, long extra, long fixed) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public Reconciliation(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Ids live in any of the object's tables (an Account feeds account and, when it is a partner, partner). */
    public Set<String> liveIds(String sourceSystem, List<String> tables) {
        Set<String> ids = new HashSet<>();
        for (String table : tables) {
            jdbc.query("select source_id from " + table(table) + " where source_system = ? and not deleted",
                    rs -> {
                        ids.add(rs.getString(1));
                    }, sourceSystem);
        }
        return ids;
    }

    /**
     * Soft-deletes these ids as purged in every table, with the CRM's deletion time where it reported one.
     *
     * @return how many distinct ids had a live row
     */
    public int markPurged(String sourceSystem, List<String> tables, Map<String, Instant> purgedAt) {
        if (purgedAt.isEmpty()) {
            return 0;
        }
        List<String> ids = new ArrayList<>(purgedAt.keySet());
        Timestamp[] times = ids.stream().map(id -> Timestamp.from(purgedAt.get(id))).toArray(Timestamp[]::new);
        return tx.execute(status -> {
            Set<String> changed = new HashSet<>();
            for (String table : tables) {
                changed.addAll(jdbc.queryForList("""
                                update %s t set deleted = true, deleted_reason = 'purged', deleted_at = p.at,
                                    synced_at = now()
                                from unnest(?::text[], ?::timestamptz[]) as p(source_id, at)
                                where t.source_system = ? and t.source_id = p.source_id and not t.deleted
                                returning t.source_id""".formatted(table(table)), String.class,
                        ids.toArray(String[]::new), times, sourceSystem));
            }
            return changed.size();
        });
    }

    private static String table(String name) {
        if (!TABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a model table: " + name);
        }
        return name;
    }
}
