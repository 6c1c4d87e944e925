package com.partnersync.dedup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

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
    private final PairScorer scorer;
    private final int maxBlockSize;
    private final int maxPeople;

    public LeadDedup(DataSource dataSource, DedupProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.profiler = new LeadProfiler(properties);
        this.matcher = new LeadMatcher(properties);
        this.scorer = new PairScorer(properties);
        this.maxBlockSize = properties.maxBlockSize();
        this.maxPeople = properties.maxPeoplePerIdentifier();
    }

    public record Report(String mode, int leadsChecked, long candidatePairs, int clustersWithDuplicates,
                         int duplicates, int newEvents, int reviewPairs, LeadMatcher.Blocking blocking, double seconds) {
        public String summary() {
            return String.format(Locale.ROOT, "lead dedup (%s): %d leads checked, %d candidate pairs compared, %d clusters "
                            + "with duplicates, %d duplicate leads, %d new duplicate events, %d pairs for review, "
                            + "%d oversized blocks split by name, %d sub-blocks still oversized skipped (%d leads), %.1f s",
                    mode, leadsChecked, candidatePairs, clustersWithDuplicates, duplicates, newEvents, reviewPairs,
                    blocking.splitBlocks(), blocking.skippedBlocks(), blocking.skippedLeads(), seconds);
        }
    }

    private static final LeadMatcher.Blocking NO_BLOCKS = new LeadMatcher.Blocking(0, 0, 0);

    /** Re-match every live lead. */
    public Report runFull() {
        long start = System.nanoTime();
        Report report = transaction.execute(status -> {
            List<Loaded> leads = jdbc.query("select " + LEAD_COLUMNS + " from lead where not deleted order by id", LeadDedup::loaded);
            jdbc.update("delete from lead_match_key");
            List<MatchProfile> profiles = leads.stream().map(l -> profiler.profile(l.fields())).toList();
            for (int from = 0; from < profiles.size(); from += ROWS_PER_STATEMENT) {
                insertKeys(keyRows(profiles.subList(from, Math.min(profiles.size(), from + ROWS_PER_STATEMENT))));
            }
            releaseDeleted("deleted");
            LeadMatcher.Decisions decisions = decisions("true");
            LeadMatcher.Result result = matcher.match(profiles, decisions);
            // the in-memory run counted people per identifier; evidence is re-derived with the same counts
            Set<Long> all = new HashSet<>();
            leads.forEach(l -> all.add(l.fields().id()));
            writeEvidence(profiles, result.links(), identifiersFromKeys(profiles), all, true);
            int[] group = matchGroups(leads, result.links(), decisions);
            return reconcile("full", leads, group, result.links(), result.candidatePairs(), result.blocking(), null, start);
        });
        // the run rewrote every match key and possibly every lead: without fresh statistics PostgreSQL takes the next
        // incremental run's "lead_id = any(?)" lookups for most of the table and scans it whole (a sample, not a scan)
        jdbc.execute("analyze lead, lead_match_key, lead_match_evidence, lead_match_review, lead_cluster");
        report = new Report(report.mode(), report.leadsChecked(), report.candidatePairs(), report.clustersWithDuplicates(),
                report.duplicates(), report.newEvents(), report.reviewPairs(), report.blocking(), seconds(start));
        log(report);
        return report;
    }

    /**
     * Re-match the leads whose evidence can have changed since they were last checked: the leads the sync changed,
     * and the holders of every block or identifier whose global count crossed a limit through them (a block growing
     * past max-block-size, an e-mail or phone gaining a person). Their links are re-scored against everything they
     * share a block with, and the clusters of every link component they touch are rebuilt from the stored links, so
     * the result equals a full run on the same leads.
     */
    public Report runIncremental() {
        long start = System.nanoTime();
        Report report = transaction.execute(status -> {
            List<Long> pending = jdbc.queryForList(
                    "select id from lead where dedup_checked_at is null or synced_at > dedup_checked_at", Long.class);
            if (pending.isEmpty()) {
                return new Report("incremental", 0, 0, 0, 0, 0, 0, NO_BLOCKS, seconds(start));
            }
            Long[] ids = pending.toArray(Long[]::new);
            List<KeyRow> oldKeys = keysOf(ids);
            List<MatchProfile> changed = jdbc.query("select " + LEAD_COLUMNS + " from lead where id = any(?) and not deleted",
                    LeadDedup::loaded, (Object) ids).stream().map(l -> profiler.profile(l.fields())).toList();
            List<KeyRow> newKeys = keyRows(changed);
            // a sync usually changes a field or two: only the key rows that differ are written, and only their blocks'
            // counts can have moved
            List<KeyRow> removed = minus(oldKeys, newKeys);
            List<KeyRow> added = minus(newKeys, oldKeys);
            List<KeyRow> moved = new ArrayList<>(removed);
            moved.addAll(added);
            KeyCounts before = counts(moved);
            unnest("""
                    delete from lead_match_key m using unnest(?::bigint[], ?::text[], ?::text[]) r(lead_id, key_type, key)
                    where m.lead_id = r.lead_id and m.key_type = r.key_type and m.key = r.key""",
                    removed.stream().map(k -> new Object[]{k.leadId(), k.type(), k.key()}).toList());
            insertKeys(added);
            List<Long> leftClusters = releaseDeleted("deleted and id = any(?)", (Object) ids);
            KeyCounts counts = counts(moved);
            Set<Long> focus = new HashSet<>(pending);
            focus.addAll(holdersOfChangedCounts(moved, before, counts));
            Long[] focusIds = focus.toArray(Long[]::new);

            List<KeyRow> focusKeys = new ArrayList<>(newKeys);
            Set<Long> unchangedFocus = new HashSet<>(focus);
            pending.forEach(unchangedFocus::remove);
            focusKeys.addAll(keysOf(unchangedFocus.toArray(Long[]::new)));
            counts(focusKeys, counts);
            LeadMatcher.Decisions decisions = decisions("(lead_id = any(?) or other_lead_id = any(?))", focusIds, focusIds);
            Set<Long> near = new HashSet<>(focus);
            near.addAll(blockHolders(focusKeys, counts));
            // a confirmed pair is compared even when its leads share no block
            decisions.confirmed().forEach(p -> {
                near.add(p.low());
                near.add(p.high());
            });
            List<Loaded> loaded = jdbc.query("select " + LEAD_COLUMNS + " from lead where id = any(?) and not deleted order by id",
                    LeadDedup::loaded, (Object) near.toArray(Long[]::new));
            List<MatchProfile> profiles = loaded.stream().map(l -> profiler.profile(l.fields())).toList();
            boolean[] isFocus = new boolean[profiles.size()];
            for (int i = 0; i < profiles.size(); i++) {
                isFocus[i] = focus.contains(profiles.get(i).id());
            }
            LeadMatcher.Scored scored = matcher.links(profiles, isFocus, counts, decisions);
            Set<Long> seeds = new HashSet<>(focus);
            seeds.addAll(jdbc.queryForList("""
                    select case when lead_id = any(?) then other_lead_id else lead_id end from lead_match_evidence
                    where lead_id = any(?) or other_lead_id = any(?)
                    union select case when lead_id = any(?) then other_lead_id else lead_id end from lead_match_review
                    where lead_id = any(?) or other_lead_id = any(?)""", Long.class,
                    focusIds, focusIds, focusIds, focusIds, focusIds, focusIds));
            writeEvidence(profiles, scored.links(), counts, focus, false);
            scored.links().forEach(l -> {
                seeds.add(profiles.get(l.a()).id());
                seeds.add(profiles.get(l.b()).id());
            });
            List<Loaded> component = jdbc.query("select " + LEAD_COLUMNS + " from lead where id = any(?) and not deleted order by id",
                    LeadDedup::loaded, (Object) componentOf(seeds).toArray(Long[]::new));
            List<LeadMatcher.Link> links = storedLinks(component);
            Long[] componentIds = component.stream().map(l -> l.fields().id()).toArray(Long[]::new);
            int[] group = matchGroups(component, links,
                    decisions("lead_id = any(?) and other_lead_id = any(?)", componentIds, componentIds));
            Set<Long> touchedClusters = new HashSet<>(leftClusters);
            component.stream().map(Loaded::clusterId).filter(Objects::nonNull).forEach(touchedClusters::add);
            return reconcile("incremental", component, group, links, scored.candidatePairs(), scored.blocking(),
                    touchedClusters, start);
        });
        log(report);
        return report;
    }

    private static void log(Report report) {
        if (report.blocking().skippedBlocks() > 0) {
            log.warn("{} (blocks over max-block-size even after the split by name are not compared: raise "
                    + "partner-sync.dedup.max-block-size or check the key for a placeholder value)", report.summary());
        } else {
            log.info(report.summary());
        }
    }

    /** {@code dedup --explain LEAD_ID}: the lead's cluster, survivor, members and the evidence of each link. */
    public String explain(long leadId) {
        List<Map<String, Object>> lead = jdbc.queryForList(
                "select id, cluster_id, first_name, last_name, deleted from lead where id = ?", leadId);
        if (lead.isEmpty()) {
            return "lead " + leadId + ": no such lead";
        }
        Object cluster = lead.get(0).get("cluster_id");
        StringBuilder out = new StringBuilder();
        if (cluster == null) {
            return out.append("lead ").append(leadId).append(": not clustered yet (deleted or not checked by dedup)").toString();
        }
        Map<String, Object> c = jdbc.queryForMap(
                "select survivor_lead_id, credited_partner_id, member_count from lead_cluster where id = ?", cluster);
        out.append(String.format(Locale.ROOT, "lead %d is in cluster %s: %s members, survivor lead %s, credit %s%n", leadId,
                cluster, c.get("member_count"), c.get("survivor_lead_id"), c.get("credited_partner_id")));
        for (Map<String, Object> m : jdbc.queryForList("""
                select id, source_system, source_id, first_name, last_name, email, is_survivor, duplicate_of_lead_id
                from lead where cluster_id = ? order by is_survivor desc, id""", cluster)) {
            out.append(String.format(Locale.ROOT, "  member %s %s/%s %s %s <%s>%s%n", m.get("id"), m.get("source_system"),
                    m.get("source_id"), m.get("first_name"), m.get("last_name"), m.get("email"),
                    Boolean.TRUE.equals(m.get("is_survivor")) ? " (survivor)" : " duplicate of " + m.get("duplicate_of_lead_id")));
        }
        for (String table : new String[]{"lead_match_evidence", "lead_match_review"}) {
            for (Map<String, Object> e : jdbc.queryForList(("""
                    select e.lead_id, e.other_lead_id, %s as rule, e.score, e.fields::text as fields from %s e
                    where e.lead_id = ? or e.other_lead_id = ? order by e.score desc, e.lead_id, e.other_lead_id""")
                    .formatted(table.equals("lead_match_review")
                            ? "e.status || coalesce(' by ' || e.decided_by || ' at ' || e.decided_at, '')" : "e.rule", table),
                    leadId, leadId)) {
                out.append(String.format(Locale.ROOT, "  %s %s-%s %s %s score %s%n", table.equals("lead_match_review")
                                ? "review pair" : "link", e.get("lead_id"), e.get("other_lead_id"),
                        table.equals("lead_match_review") ? "status" : "rule", e.get("rule"), e.get("score")));
                out.append("    ").append(e.get("fields")).append('\n');
            }
        }
        return out.toString();
    }

    private record Loaded(LeadFields fields, Long clusterId) {
    }

    /** RevOps decisions (lead_match_review rows not open) matching {@code where}. */
    private LeadMatcher.Decisions decisions(String where, Object... args) {
        Set<LeadMatcher.Decisions.IdPair> confirmed = new HashSet<>();
        Set<LeadMatcher.Decisions.IdPair> rejected = new HashSet<>();
        jdbc.query("select lead_id, other_lead_id, status from lead_match_review where status <> 'open' and " + where,
                rs -> {
                    (rs.getString(3).equals("confirmed") ? confirmed : rejected)
                            .add(LeadMatcher.Decisions.IdPair.of(rs.getLong(1), rs.getLong(2)));
                }, args);
        return new LeadMatcher.Decisions(confirmed, rejected);
    }

    /**
     * Clusters from links, leads ranked by the survivor order so the documented survivor heads its cluster; leads of a
     * rejected pair never share one.
     */
    private static int[] matchGroups(List<Loaded> leads, List<LeadMatcher.Link> links, LeadMatcher.Decisions decisions) {
        Integer[] byRank = IntStream.range(0, leads.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(byRank, Comparator.comparing(i -> leads.get(i).fields(), SURVIVOR_ORDER));
        int[] rank = new int[leads.size()];
        for (int r = 0; r < byRank.length; r++) {
            rank[byRank[r]] = r;
        }
        return LeadMatcher.cluster(leads.size(), links, rank,
                LeadMatcher.apart(leads.stream().mapToLong(l -> l.fields().id()).toArray(), decisions));
    }

    // ---- match keys and their global counts ----

    private record KeyRow(long leadId, String type, String key, String person) {
    }

    private List<KeyRow> keysOf(Long[] ids) {
        if (ids.length == 0) {
            return List.of();
        }
        return jdbc.query("select lead_id, key_type, key, person from lead_match_key where lead_id = any(?)",
                (rs, i) -> new KeyRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), (Object) ids);
    }

    /**
     * Block sizes, sub-block sizes and people per identifier, from lead_match_key, for the given keys; with the
     * holders of each block (or sub-block of an oversized block) small enough to be compared.
     */
    private final class KeyCounts implements LeadMatcher.Counts {
        final Map<String, int[]> blocks = new HashMap<>();
        final Map<String, Integer> subBlocks = new HashMap<>();
        final Map<String, Long[]> holders = new HashMap<>();

        @Override
        public int people(String keyType, String value) {
            int[] c = blocks.get(keyType + "\u0000" + value);
            return c == null ? 1 : c[1];
        }

        @Override
        public int blockSize(String keyType, String key) {
            int[] c = blocks.get(keyType + "\u0000" + key);
            return c == null ? 0 : c[0];
        }

        @Override
        public int subBlockSize(String keyType, String key, String person) {
            return subBlocks.getOrDefault(keyType + "\u0000" + key + "\u0000" + person, 0);
        }
    }

    private KeyCounts counts(List<KeyRow> keys) {
        return counts(keys, new KeyCounts());
    }

    /** {@code counts} with the counts of {@code keys} it does not hold yet added (counts of the current keys only). */
    private KeyCounts counts(List<KeyRow> keys, KeyCounts counts) {
        Set<List<String>> distinct = new HashSet<>();
        keys.stream().filter(k -> !counts.blocks.containsKey(k.type() + "\u0000" + k.key()))
                .forEach(k -> distinct.add(List.of(k.type(), k.key())));
        List<Object[]> rows = distinct.stream().map(k -> new Object[]{k.get(0), k.get(1)}).toList();
        // one index range per key gives its size, its people and (a usable block) its holders: "offset 0" keeps each
        // lateral subquery a lookup, which the planner would otherwise flatten into a join over the whole table
        query("""
                select k.t, k.v, c.n, c.people, c.holders from unnest(?::text[], ?::text[]) k(t, v)
                cross join lateral (select count(*) n, count(distinct m.person) people,
                                           case when count(*) <= %d then array_agg(m.lead_id) end holders
                                    from lead_match_key m where m.key_type = k.t and m.key = k.v offset 0) c
                where c.n > 0""".formatted(maxBlockSize), rows, rs -> {
            String block = rs.getString(1) + "\u0000" + rs.getString(2);
            counts.blocks.put(block, new int[]{rs.getInt(3), rs.getInt(4)});
            holders(rs, 5, block, counts);
        });
        Set<List<String>> subs = new HashSet<>();
        keys.stream().filter(k -> counts.blockSize(k.type(), k.key()) > maxBlockSize
                        && !counts.subBlocks.containsKey(k.type() + "\u0000" + k.key() + "\u0000" + k.person()))
                .forEach(k -> subs.add(List.of(k.type(), k.key(), k.person())));
        query("""
                select k.t, k.v, k.p, c.n, c.holders from unnest(?::text[], ?::text[], ?::text[]) k(t, v, p)
                cross join lateral (select count(*) n, case when count(*) <= %d then array_agg(m.lead_id) end holders
                                    from lead_match_key m
                                    where m.key_type = k.t and m.key = k.v and m.person = k.p offset 0) c
                where c.n > 0""".formatted(maxBlockSize), subs.stream().map(k -> new Object[]{k.get(0), k.get(1), k.get(2)}).toList(),
                rs -> {
                    String subBlock = rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3);
                    counts.subBlocks.put(subBlock, rs.getInt(4));
                    holders(rs, 5, subBlock, counts);
                });
        return counts;
    }

    private static void holders(ResultSet rs, int column, String block, KeyCounts counts) throws SQLException {
        java.sql.Array holders = rs.getArray(column);
        if (holders != null) {
            counts.holders.put(block, (Long[]) holders.getArray());
        }
    }

    /**
     * Leads whose evidence changed although they did not: holders of a block that crossed max-block-size (or of a
     * sub-block that did), and holders of an e-mail or phone whose number of people changed its weight.
     */
    private Set<Long> holdersOfChangedCounts(List<KeyRow> keys, KeyCounts before, KeyCounts after) {
        Set<List<String>> blocks = new HashSet<>();
        Set<List<String>> subBlocks = new HashSet<>();
        for (KeyRow k : keys) {
            int b = before.blockSize(k.type(), k.key());
            int a = after.blockSize(k.type(), k.key());
            boolean identifier = k.type().equals(MatchKey.EMAIL.keyType()) || k.type().equals(MatchKey.PHONE.keyType());
            if ((b <= maxBlockSize) != (a <= maxBlockSize)
                    || identifier && peopleChangeMatters(before.people(k.type(), k.key()), after.people(k.type(), k.key()))) {
                blocks.add(List.of(k.type(), k.key()));
            } else if (a > maxBlockSize && (before.subBlockSize(k.type(), k.key(), k.person()) <= maxBlockSize)
                    != (after.subBlockSize(k.type(), k.key(), k.person()) <= maxBlockSize)) {
                subBlocks.add(List.of(k.type(), k.key(), k.person()));
            }
        }
        return holders(blocks, subBlocks);
    }

    /**
     * Whether an identifier's weight share can change with its number of people: below or at the limit, or one above
     * it (a pair whose own two spellings were counted twice subtracts one).
     */
    private boolean peopleChangeMatters(int before, int after) {
        return before != after && Math.min(before, after) <= maxPeople + 1;
    }

    /** Leads holding any of the (key type, key) blocks or (key type, key, person) sub-blocks. */
    private Set<Long> holders(Set<List<String>> blocks, Set<List<String>> subBlocks) {
        Set<Long> holders = new HashSet<>();
        // "offset 0" keeps each lateral subquery an index lookup per key: flattened into a join, the planner may read
        // all of lead_match_key for a few thousand keys
        query("""
                select distinct m.lead_id from unnest(?::text[], ?::text[]) k(t, v)
                cross join lateral (select lead_id from lead_match_key m where m.key_type = k.t and m.key = k.v offset 0) m""",
                blocks.stream().map(k -> new Object[]{k.get(0), k.get(1)}).toList(), rs -> holders.add(rs.getLong(1)));
        query("""
                select distinct m.lead_id from unnest(?::text[], ?::text[], ?::text[]) k(t, v, p)
                cross join lateral (select lead_id from lead_match_key m
                                    where m.key_type = k.t and m.key = k.v and m.person = k.p offset 0) m""",
                subBlocks.stream().map(k -> new Object[]{k.get(0), k.get(1), k.get(2)}).toList(), rs -> holders.add(rs.getLong(1)));
        return holders;
    }


    /**
     * Every lead sharing a usable block with the given keys: the whole block, or the sub-block of an oversized one
     * ({@code counts} must hold the keys' counts).
     */
    private Set<Long> blockHolders(List<KeyRow> keys, KeyCounts counts) {
        Set<Long> holders = new HashSet<>();
        for (KeyRow k : keys) {
            String block = k.type() + "\u0000" + k.key();
            if (counts.blockSize(k.type(), k.key()) <= maxBlockSize) {
                holders.addAll(Arrays.asList(counts.holders.getOrDefault(block, new Long[0])));
            } else if (!k.person().startsWith("#") && counts.subBlockSize(k.type(), k.key(), k.person()) <= maxBlockSize) {
                holders.addAll(Arrays.asList(counts.holders.getOrDefault(block + "\u0000" + k.person(), new Long[0])));
            }
        }
        return holders;
    }

    /** People per identifier as the in-memory full run counted them, for writing its evidence. */
    private static PairScorer.Identifiers identifiersFromKeys(List<MatchProfile> profiles) {
        Map<String, Set<String>> people = new HashMap<>();
        for (MatchProfile p : profiles) {
            String person = p.person() == null ? "#" + p.id() : p.person();
            if (p.email() != null) {
                people.computeIfAbsent("email\u0000" + p.email(), k -> new HashSet<>()).add(person);
            }
            if (p.phone() != null) {
                people.computeIfAbsent("phone\u0000" + p.phone(), k -> new HashSet<>()).add(person);
            }
        }
        return (type, value) -> {
            Set<String> s = people.get(type + "\u0000" + value);
            return s == null ? 1 : s.size();
        };
    }

    // ---- evidence, review pairs and link components ----

    /**
     * Replaces the stored links and review pairs of the {@code scope} leads by {@code links}, writing only rows that
     * differ (a re-run on unchanged data writes nothing). In a full run the scope is every lead.
     */
    private void writeEvidence(List<MatchProfile> profiles, List<LeadMatcher.Link> links, PairScorer.Identifiers identifiers,
                               Set<Long> scope, boolean everything) {
        List<Object[]> matches = new ArrayList<>();
        List<Object[]> reviews = new ArrayList<>();
        for (LeadMatcher.Link link : links) {
            MatchProfile a = profiles.get(link.a());
            MatchProfile b = profiles.get(link.b());
            MatchProfile low = a.id() < b.id() ? a : b;
            MatchProfile high = low == a ? b : a;
            List<PairScorer.FieldEvidence> evidence = new ArrayList<>();
            scorer.explain(low, high, identifiers, evidence);
            if (link.rule().equals(LeadMatcher.CONFIRMED)) {
                evidence.add(new PairScorer.FieldEvidence("review", null, null,
                        "confirmed by RevOps in lead_match_review: links whatever the fields score", Double.NaN, 0.0));
            }
            String fields = json(evidence);
            if (link.review()) {
                reviews.add(new Object[]{low.id(), high.id(), link.score(), fields});
            } else {
                matches.add(new Object[]{low.id(), high.id(), link.rule(), link.score(), fields});
            }
        }
        Long[] ids = scope.toArray(Long[]::new);
        String where = everything ? "true" : "(t.lead_id = any(?) or t.other_lead_id = any(?))";
        Object[] args = everything ? new Object[0] : new Object[]{ids, ids};
        jdbc.execute("create temporary table if not exists dedup_new_link (lead_id bigint, other_lead_id bigint, rule text, "
                + "score numeric(5, 4), fields jsonb) on commit drop");
        jdbc.update("truncate dedup_new_link");
        unnest("""
                insert into dedup_new_link select * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::numeric[], ?::jsonb[])""",
                matches);
        jdbc.update(("delete from lead_match_evidence t where %s and not exists (select 1 from dedup_new_link n "
                + "where n.lead_id = t.lead_id and n.other_lead_id = t.other_lead_id and n.rule = t.rule "
                + "and n.score = t.score and n.fields = t.fields)").formatted(where), args);
        jdbc.update("insert into lead_match_evidence (lead_id, other_lead_id, rule, score, fields) "
                + "select * from dedup_new_link on conflict do nothing");
        jdbc.update("truncate dedup_new_link");
        unnest("""
                insert into dedup_new_link (lead_id, other_lead_id, score, fields)
                select * from unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::jsonb[])""", reviews);
        // decided pairs are RevOps's: they stay whatever the pair scores now
        jdbc.update(("delete from lead_match_review t where %s and t.status = 'open' and not exists (select 1 from dedup_new_link n "
                + "where n.lead_id = t.lead_id and n.other_lead_id = t.other_lead_id and n.score = t.score "
                + "and n.fields = t.fields)").formatted(where), args);
        jdbc.update("insert into lead_match_review (lead_id, other_lead_id, score, fields) "
                + "select lead_id, other_lead_id, score, fields from dedup_new_link on conflict do nothing");
    }

    private static String json(List<PairScorer.FieldEvidence> evidence) {
        StringBuilder s = new StringBuilder("[");
        for (PairScorer.FieldEvidence e : evidence) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append("{\"field\": ").append(quote(e.field())).append(", \"a\": ").append(quote(e.a()))
                    .append(", \"b\": ").append(quote(e.b())).append(", \"comparison\": ").append(quote(e.comparison()))
                    .append(", \"similarity\": ").append(Double.isNaN(e.similarity()) ? "null" : Double.toString(e.similarity()))
                    .append(", \"weight\": ").append(e.weight()).append('}');
        }
        return s.append(']').toString();
    }

    private static String quote(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /** The seeds with everything reachable through stored links and review pairs, plus their current cluster mates. */
    private Set<Long> componentOf(Set<Long> seeds) {
        Set<Long> all = new HashSet<>(seeds);
        Set<Long> frontier = new HashSet<>(seeds);
        while (!frontier.isEmpty()) {
            Long[] f = frontier.toArray(Long[]::new);
            List<Long> next = jdbc.queryForList("""
                    select other_lead_id from lead_match_evidence where lead_id = any(?)
                    union select lead_id from lead_match_evidence where other_lead_id = any(?)
                    union select other_lead_id from lead_match_review where lead_id = any(?)
                    union select lead_id from lead_match_review where other_lead_id = any(?)
                    union select m.id from lead l join lead m on m.cluster_id = l.cluster_id where l.id = any(?)""",
                    Long.class, f, f, f, f, f);
            frontier = new HashSet<>();
            for (Long id : next) {
                if (all.add(id)) {
                    frontier.add(id);
                }
            }
        }
        return all;
    }

    private List<LeadMatcher.Link> storedLinks(List<Loaded> leads) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            index.put(leads.get(i).fields().id(), i);
        }
        Long[] ids = index.keySet().toArray(Long[]::new);
        List<LeadMatcher.Link> links = new ArrayList<>();
        jdbc.query("""
                select lead_id, other_lead_id, rule, score, false from lead_match_evidence
                where lead_id = any(?) and other_lead_id = any(?)
                union all select lead_id, other_lead_id, 'score', score, true from lead_match_review
                where status = 'open' and lead_id = any(?) and other_lead_id = any(?)""", rs -> {
            links.add(new LeadMatcher.Link(index.get(rs.getLong(1)), index.get(rs.getLong(2)), rs.getString(3),
                    rs.getDouble(4), rs.getBoolean(5)));
        }, ids, ids, ids, ids);
        return links;
    }

    private record Group(List<Integer> members, long clusterId, boolean isNew) {
    }

    /**
     * Writes the clusters of {@code leads} (only what differs). {@code touchedClusters}: the clusters these leads (or
     * deleted leads) were in before, the only ones that can have lost their last member; null in a full run (all).
     */
    private Report reconcile(String mode, List<Loaded> leads, int[] group, List<LeadMatcher.Link> links,
                             long candidatePairs, LeadMatcher.Blocking blocking, Set<Long> touchedClusters, long start) {
        Map<Integer, LeadMatcher.Link> bestLink = new HashMap<>();
        int reviewPairs = 0;
        for (LeadMatcher.Link link : links) {
            if (link.review()) {
                reviewPairs++;
                continue;
            }
            // the event names the link into the lead's own cluster
            if (group[link.a()] == group[link.b()]) {
                for (int end : new int[]{link.a(), link.b()}) {
                    bestLink.merge(end, link, (x, y) -> y.score() > x.score() ? y : x);
                }
            }
        }
        // groups in order of their lowest lead id, so which group keeps a contested cluster id is deterministic
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            groups.computeIfAbsent(group[i], g -> new ArrayList<>()).add(i);
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
        for (Group placedGroup : placed) {
            LeadFields survivor = placedGroup.members().stream().map(i -> leads.get(i).fields()).min(SURVIVOR_ORDER).orElseThrow();
            String credit = survivor.submittedByPartnerId();
            int size = placedGroup.members().size();
            (placedGroup.isNew() ? newClusters : keptClusters).add(new Object[]{survivor.id(), credit, size, placedGroup.clusterId()});
            if (size > 1) {
                withDuplicates++;
                duplicates += size - 1;
            }
            for (int i : placedGroup.members()) {
                long id = leads.get(i).fields().id();
                boolean isSurvivor = id == survivor.id();
                leadRows.add(new Object[]{placedGroup.clusterId(), isSurvivor ? null : survivor.id(), isSurvivor, credit, id});
                if (!isSurvivor) {
                    LeadMatcher.Link link = bestLink.get(i);
                    events.add(new Object[]{id, survivor.id(), placedGroup.clusterId(), link.rule(), link.score()});
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
                where c.member_count > 0 and %s and not exists (select 1 from lead l where l.cluster_id = c.id)"""
                .formatted(touchedClusters == null ? "true" : "c.id = any(?)"),
                touchedClusters == null ? new Object[0] : new Object[]{touchedClusters.toArray(Long[]::new)});
        int newEvents = unnest("""
                insert into lead_duplicate_event (lead_id, duplicate_of_lead_id, cluster_id, rule, score)
                select * from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::numeric[])
                on conflict (lead_id, duplicate_of_lead_id) do nothing""", events);
        return new Report(mode, leads.size(), candidatePairs, withDuplicates, duplicates, newEvents, reviewPairs, blocking,
                seconds(start));
    }

    /** The lead_match_key rows of the profiles. */
    private static List<KeyRow> keyRows(List<MatchProfile> profiles) {
        List<KeyRow> keys = new ArrayList<>();
        for (MatchProfile p : profiles) {
            for (MatchKey key : MatchKey.values()) {
                for (String value : new HashSet<>(key.of(p))) {
                    keys.add(new KeyRow(p.id(), key.keyType(), value, p.person() == null ? "#" + p.id() : p.person()));
                }
            }
        }
        return keys;
    }

    private static List<KeyRow> minus(List<KeyRow> keys, List<KeyRow> without) {
        Set<KeyRow> drop = new HashSet<>(without);
        return keys.stream().filter(k -> !drop.contains(k)).toList();
    }

    private void insertKeys(List<KeyRow> keys) {
        unnest("""
                insert into lead_match_key (lead_id, key_type, key, person)
                select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[])""",
                keys.stream().map(k -> new Object[]{k.leadId(), k.type(), k.key(), k.person()}).toList());
    }

    /**
     * Deleted leads leave their cluster (their keys are already gone); the survivor is re-chosen among the rest.
     *
     * @return the clusters they left
     */
    private List<Long> releaseDeleted(String where, Object... args) {
        return jdbc.queryForList("""
                with released as (
                    select id, cluster_id from lead
                    where %s and (cluster_id is not null or dedup_checked_at is null or synced_at > dedup_checked_at)
                    for update)
                update lead l set cluster_id = null, duplicate_of_lead_id = null, is_survivor = null,
                    credited_partner_id = null, dedup_checked_at = now()
                from released r where l.id = r.id
                returning r.cluster_id""".formatted(where), Long.class, args).stream().filter(Objects::nonNull).toList();
    }

    /**
     * One statement for many rows: each column travels as one array parameter (the SQL unnests them), which is far
     * cheaper than a JDBC batch of single-row statements on large runs. Every statement given here treats its rows
     * independently, so a large run sends them {@link #ROWS_PER_STATEMENT} at a time: the arrays of a whole run of a
     * few hundred thousand leads (13 match keys each) would not fit a 1 GB heap at once.
     */
    private int unnest(String sql, List<Object[]> rows) {
        int updated = 0;
        for (List<Object[]> chunk : chunks(rows)) {
            Integer n = jdbc.execute((ConnectionCallback<Integer>) con -> {
                try (PreparedStatement ps = con.prepareStatement(sql)) {
                    Object[] args = columns(chunk);
                    for (int c = 0; c < args.length; c++) {
                        ps.setArray(c + 1, con.createArrayOf("text", (String[]) args[c]));
                    }
                    return ps.executeUpdate();
                }
            });
            updated += n == null ? 0 : n;
        }
        return updated;
    }

    /** A query whose parameters are columns of {@code rows} (as in {@link #unnest}); nothing to ask for no rows. */
    private void query(String sql, List<Object[]> rows, RowCallbackHandler handler) {
        for (List<Object[]> chunk : chunks(rows)) {
            jdbc.query(sql, handler, columns(chunk));
        }
    }

    private static final int ROWS_PER_STATEMENT = 50_000;

    private static List<List<Object[]>> chunks(List<Object[]> rows) {
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

    /** The rows as one text array per column. */
    private static Object[] columns(List<Object[]> rows) {
        Object[] columns = new Object[rows.get(0).length];
        for (int c = 0; c < columns.length; c++) {
            String[] column = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                Object v = rows.get(r)[c];
                column[r] = v == null ? null : v.toString();
            }
            columns[c] = column;
        }
        return columns;
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
