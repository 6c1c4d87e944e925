package com.partnersync.dedup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lead deduplication against the warehouse: a full run re-matches every live lead; an incremental run re-matches
 * only the leads the sync changed since they were last checked, their candidates (found through lead_match_key) and
 * the clusters those belong to. Either way, clusters keep their ids, so re-running on unchanged data writes nothing.
 */
public final class LeadDedup {
    private static final Logger log = LoggerFactory.getLogger(LeadDedup.class);
    private static final String LEAD_COLUMNS = """
            id, first_name, last_name, email, phone, company, website, street, city, postcode, state, country,
            submitted_by_partner_id, submitted_at, created_at, cluster_id""";
    /** Survivor first: partner submissions by submission time, then other records by creation time, then lead id. */
    private static final Comparator<LeadFields> SURVIVOR_ORDER = Comparator
            .comparing((LeadFields l) -> l.submittedByPartnerId() == null)
            .thenComparing(l -> l.submittedByPartnerId() != null && l.submittedAt() != null ? l.submittedAt() : l.createdAt(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(LeadFields::id);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final LeadProfiler profiler;
    private final LeadMatcher matcher;
    private final int maxBlockSize;

    public LeadDedup(DataSource dataSource, DedupProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.profiler = new LeadProfiler(properties);
        this.matcher = new LeadMatcher(properties);
        this.maxBlockSize = properties.getMaxBlockSize();
    }

    public record Report(String mode, int leadsChecked, long candidatePairs, int clustersWithDuplicates,
                         int duplicates, int newEvents, double seconds) {
        public String summary() {
            return String.format("lead dedup (%s): %d leads checked, %d candidate pairs compared, %d clusters with "
                            + "duplicates, %d duplicate leads, %d new duplicate events, %.1f s", mode, leadsChecked,
                    candidatePairs, clustersWithDuplicates, duplicates, newEvents, seconds);
        }
    }

    /** Re-match every live lead. */
    public Report runFull() {
        long start = System.nanoTime();
        Report report = transaction.execute(status -> {
            List<Loaded> leads = jdbc.query("select " + LEAD_COLUMNS + " from lead where not deleted order by id", LeadDedup::loaded);
            jdbc.update("delete from lead_match_key");
            List<MatchProfile> profiles = leads.stream().map(l -> profiler.profile(l.fields())).toList();
            writeKeys(profiles);
            releaseDeleted("deleted");
            return reconcile("full", leads, profiles, start);
        });
        log.info(report.summary());
        return report;
    }

    /** Re-match the leads changed since they were last checked, with their candidates and clusters. */
    public Report runIncremental() {
        long start = System.nanoTime();
        Report report = transaction.execute(status -> {
            List<Long> pending = jdbc.queryForList(
                    "select id from lead where dedup_checked_at is null or synced_at > dedup_checked_at", Long.class);
            if (pending.isEmpty()) {
                return new Report("incremental", 0, 0, 0, 0, 0, seconds(start));
            }
            Long[] ids = pending.toArray(Long[]::new);
            jdbc.update("delete from lead_match_key where lead_id = any(?)", (Object) ids);
            List<MatchProfile> changed = jdbc.query("select " + LEAD_COLUMNS + " from lead where id = any(?) and not deleted",
                    LeadDedup::loaded, (Object) ids).stream().map(l -> profiler.profile(l.fields())).toList();
            writeKeys(changed);
            List<Loaded> affected = jdbc.query("""
                    with keys as (select key_type, key from lead_match_key where lead_id = any(?)),
                         small as (select m.key_type, m.key from lead_match_key m join keys using (key_type, key)
                                   group by m.key_type, m.key having count(*) <= ?),
                         near as (select m.lead_id from lead_match_key m join small using (key_type, key)
                                  union select unnest(?::bigint[])),
                         clusters as (select distinct l.cluster_id from lead l join near on near.lead_id = l.id
                                      where l.cluster_id is not null)
                    select %s from lead where not deleted
                      and (id in (select lead_id from near) or cluster_id in (select cluster_id from clusters))
                    order by id""".formatted(LEAD_COLUMNS), LeadDedup::loaded, ids, maxBlockSize, ids);
            releaseDeleted("deleted and id = any(?)", (Object) ids);
            return reconcile("incremental", affected, affected.stream().map(l -> profiler.profile(l.fields())).toList(), start);
        });
        log.info(report.summary());
        return report;
    }

    private record Loaded(LeadFields fields, Long clusterId) {
    }

    private record Group(List<Integer> members, long clusterId, boolean isNew) {
    }

    private Report reconcile(String mode, List<Loaded> leads, List<MatchProfile> profiles, long start) {
        LeadMatcher.Result result = matcher.match(profiles);
        Map<Integer, LeadMatcher.Link> bestLink = new HashMap<>();
        for (LeadMatcher.Link link : result.links()) {
            for (int end : new int[]{link.a(), link.b()}) {
                bestLink.merge(end, link, (x, y) -> y.score() > x.score() ? y : x);
            }
        }
        // groups in order of their lowest lead id, so which group keeps a contested cluster id is deterministic
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            groups.computeIfAbsent(result.group()[i], g -> new ArrayList<>()).add(i);
        }
        Set<Long> claimed = new HashSet<>();
        Map<Long, Long> absorbedInto = new HashMap<>();
        List<Group> placed = new ArrayList<>();
        List<List<Integer>> needNewCluster = new ArrayList<>();
        for (List<Integer> members : groups.values()) {
            List<Long> existing = members.stream().map(i -> leads.get(i).clusterId()).filter(c -> c != null)
                    .distinct().sorted().toList();
            Long kept = existing.stream().filter(c -> !claimed.contains(c)).findFirst().orElse(null);
            if (kept == null) {
                needNewCluster.add(members);
            } else {
                claimed.add(kept);
                placed.add(new Group(members, kept, false));
                existing.stream().filter(c -> !c.equals(kept)).forEach(c -> absorbedInto.putIfAbsent(c, kept));
            }
        }
        List<Long> newIds = needNewCluster.isEmpty() ? List.of() : jdbc.queryForList(
                "select nextval('lead_cluster_id_seq') from generate_series(1, ?)", Long.class, needNewCluster.size());
        for (int g = 0; g < needNewCluster.size(); g++) {
            placed.add(new Group(needNewCluster.get(g), newIds.get(g), true));
        }
        claimed.forEach(absorbedInto::remove);

        List<Object[]> newClusters = new ArrayList<>();
        List<Object[]> keptClusters = new ArrayList<>();
        List<Object[]> leadRows = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        int withDuplicates = 0;
        int duplicates = 0;
        for (Group group : placed) {
            LeadFields survivor = group.members().stream().map(i -> leads.get(i).fields()).min(SURVIVOR_ORDER).orElseThrow();
            String credit = survivor.submittedByPartnerId();
            int size = group.members().size();
            (group.isNew() ? newClusters : keptClusters).add(new Object[]{survivor.id(), credit, size, group.clusterId()});
            if (size > 1) {
                withDuplicates++;
                duplicates += size - 1;
            }
            for (int i : group.members()) {
                long id = leads.get(i).fields().id();
                boolean isSurvivor = id == survivor.id();
                leadRows.add(new Object[]{group.clusterId(), isSurvivor ? null : survivor.id(), isSurvivor, credit, id});
                if (!isSurvivor) {
                    LeadMatcher.Link link = bestLink.get(i);
                    events.add(new Object[]{id, survivor.id(), group.clusterId(), link.rule(), link.score()});
                }
            }
        }
        unnest("""
                insert into lead_cluster (survivor_lead_id, credited_partner_id, member_count, id)
                select * from unnest(?::bigint[], ?::text[], ?::int[], ?::bigint[])""", newClusters);
        unnest("""
                update lead_cluster c set survivor_lead_id = v.survivor, credited_partner_id = v.credit,
                    member_count = v.members, merged_into_cluster_id = null, updated_at = now()
                from unnest(?::bigint[], ?::text[], ?::int[], ?::bigint[]) v(survivor, credit, members, id)
                where c.id = v.id and (c.survivor_lead_id, c.credited_partner_id, c.member_count, c.merged_into_cluster_id)
                    is distinct from (v.survivor, v.credit, v.members, null)""", keptClusters);
        absorbedInto.forEach((from, into) -> jdbc.update("""
                update lead_cluster set merged_into_cluster_id = ?, member_count = 0, updated_at = now()
                where id = ? and merged_into_cluster_id is distinct from ?""", into, from, into));
        unnest("""
                update lead l set cluster_id = v.cluster_id, duplicate_of_lead_id = v.duplicate_of, is_survivor = v.survivor,
                    credited_partner_id = v.credit,
                    dedup_checked_at = case when l.dedup_checked_at is null or l.synced_at > l.dedup_checked_at
                                            then now() else l.dedup_checked_at end
                from unnest(?::bigint[], ?::bigint[], ?::boolean[], ?::text[], ?::bigint[])
                    v(cluster_id, duplicate_of, survivor, credit, id)
                where l.id = v.id and ((l.cluster_id, l.duplicate_of_lead_id, l.is_survivor, l.credited_partner_id)
                        is distinct from (v.cluster_id, v.duplicate_of, v.survivor, v.credit)
                    or l.dedup_checked_at is null or l.synced_at > l.dedup_checked_at)""", leadRows);
        // clusters whose last member was deleted or moved away keep their id but show no members
        jdbc.update("""
                update lead_cluster c set member_count = 0, survivor_lead_id = null, credited_partner_id = null,
                    updated_at = now()
                where c.member_count > 0 and not exists (select 1 from lead l where l.cluster_id = c.id)""");
        int newEvents = unnest("""
                insert into lead_duplicate_event (lead_id, duplicate_of_lead_id, cluster_id, rule, score)
                select * from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::numeric[])
                on conflict (lead_id, duplicate_of_lead_id) do nothing""", events);
        return new Report(mode, leads.size(), result.candidatePairs(), withDuplicates, duplicates, newEvents, seconds(start));
    }

    private void writeKeys(List<MatchProfile> profiles) {
        List<Object[]> keys = new ArrayList<>();
        for (MatchProfile p : profiles) {
            for (MatchKey key : MatchKey.values()) {
                for (String value : new HashSet<>(key.of(p))) {
                    keys.add(new Object[]{p.id(), key.keyType(), value});
                }
            }
        }
        unnest("""
                insert into lead_match_key (lead_id, key_type, key)
                select * from unnest(?::bigint[], ?::text[], ?::text[])""", keys);
    }

    /** Deleted leads leave their cluster (their keys are already gone); the survivor is re-chosen among the rest. */
    private void releaseDeleted(String where, Object... args) {
        jdbc.update("""
                update lead set cluster_id = null, duplicate_of_lead_id = null, is_survivor = null,
                    credited_partner_id = null, dedup_checked_at = now()
                where %s and (cluster_id is not null or dedup_checked_at is null or synced_at > dedup_checked_at)"""
                .formatted(where), args);
    }

    /**
     * One statement for many rows: each column travels as one array parameter (the SQL unnests them), which is far
     * cheaper than a JDBC batch of single-row statements on large runs.
     */
    private int unnest(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int columns = rows.get(0).length;
        Integer updated = jdbc.execute((ConnectionCallback<Integer>) con -> {
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                for (int c = 0; c < columns; c++) {
                    Object[] column = new Object[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        column[r] = rows.get(r)[c];
                    }
                    ps.setArray(c + 1, con.createArrayOf("text", Arrays.stream(column).map(v -> v == null ? null : v.toString()).toArray()));
                }
                return ps.executeUpdate();
            }
        });
        return updated == null ? 0 : updated;
    }

    private static Loaded loaded(ResultSet rs, int row) throws SQLException {
        return new Loaded(new LeadFields(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("phone"), rs.getString("company"), rs.getString("website"),
                rs.getString("street"), rs.getString("city"), rs.getString("postcode"), rs.getString("state"),
                rs.getString("country"), rs.getString("submitted_by_partner_id"), instant(rs.getTimestamp("submitted_at")),
                instant(rs.getTimestamp("created_at"))), (Long) rs.getObject("cluster_id"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
