package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever order and batch sizes leads arrive in (and whichever are first synced with a value missing and
 * corrected later), the clusters after the incremental runs equal those of {@code dedup --full} on the same leads —
 * the same partition, survivor and credit — and equal across orders. Labeled FEBRL and Splink records, with phones
 * from a small pool so that some numbers are shared by two or three people (term-frequency classes change as leads
 * arrive) and a small max-block-size so that blocks cross it and get split by name.
 */
class LeadDedupOrderIndependenceTest {
    private static final int ORDERS_PER_DATA_SET = 25;
    private static final SingleConnectionDataSource connection = DedupTestDatabase.connection();
    private final JdbcTemplate jdbc = new JdbcTemplate(connection);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"febrl dataset3", "splink fake_1000"})
    void incrementalRunsInAnyOrderEqualTheFullRun(String dataSet) {
        List<LeadFields> leads = sample(dataSet.startsWith("febrl") ? LabeledLeads.febrl("dataset3.csv") : LabeledLeads.splink());
        DedupProperties properties = TestSettings.bind(DedupProperties.class, "max-block-size", 6);
        LeadDedup dedup = new LeadDedup(connection, properties);
        Random random = new Random(15);
        Map<String, Object> expected = null;
        for (int order = 0; order < ORDERS_PER_DATA_SET; order++) {
            DedupTestDatabase.empty(jdbc);
            List<LeadFields> shuffled = new ArrayList<>(leads);
            Collections.shuffle(shuffled, random);
            Map<Long, Long> idBySource = new HashMap<>();
            List<LeadFields> corrections = new ArrayList<>();
            int i = 0;
            while (i < shuffled.size()) {
                int batch = 1 + random.nextInt(Math.max(1, shuffled.size() / 2));
                List<LeadFields> synced = new ArrayList<>();
                for (LeadFields lead : shuffled.subList(i, Math.min(shuffled.size(), i + batch))) {
                    // one in five first arrives without its e-mail and phone; a later sync fills them in
                    boolean partial = random.nextInt(5) == 0;
                    synced.add(partial ? new LeadFields(lead.id(), lead.firstName(), lead.lastName(),
                            null, null, lead.company(), lead.website(), lead.street(), lead.city(), lead.postcode(),
                            lead.state(), lead.country(), lead.submittedByPartnerId(), lead.submittedAt(),
                            lead.createdAt()) : lead);
                    if (partial) {
                        corrections.add(lead);
                    }
                }
                idBySource.putAll(insert(synced));
                i += batch;
                if (!corrections.isEmpty() && random.nextBoolean()) {
                    LeadFields lead = corrections.remove(0);
                    jdbc.update("update lead set email = ?, phone = ?, synced_at = clock_timestamp() where id = ?",
                            lead.email(), lead.phone(), idBySource.get(lead.id()));
                }
                dedup.runIncremental();
            }
            for (LeadFields lead : corrections) {
                jdbc.update("update lead set email = ?, phone = ?, synced_at = clock_timestamp() where id = ?",
                        lead.email(), lead.phone(), idBySource.get(lead.id()));
            }
            dedup.runIncremental();
            Map<String, Object> incremental = clusters();

            dedup.runFull();
            Map<String, Object> full = clusters();

            assertThat(incremental).as(dataSet + " order " + order + ": incremental vs full").isEqualTo(full);
            assertThat(dedup.runIncremental().leadsChecked()).as("nothing left to check").isZero();
            if (expected == null) {
                expected = full;
                assertThat(full.toString()).as("the sample has duplicates").contains(", ");
            }
            assertThat(full).as(dataSet + " order " + order + " vs order 0").isEqualTo(expected);
        }
    }

    /** Partition by source id: each cluster's members with its survivor and credit; plus the review pairs. */
    private Map<String, Object> clusters() {
        Map<String, Object> out = new TreeMap<>();
        Map<Long, TreeSet<String>> members = new HashMap<>();
        Map<Long, String> survivor = new HashMap<>();
        Map<Long, String> credit = new HashMap<>();
        jdbc.query("select cluster_id, source_id, is_survivor, credited_partner_id from lead where not deleted", rs -> {
            long cluster = rs.getLong(1);
            members.computeIfAbsent(cluster, c -> new TreeSet<>()).add(rs.getString(2));
            if (rs.getBoolean(3)) {
                survivor.put(cluster, rs.getString(2));
            }
            credit.put(cluster, rs.getString(4));
        });
        members.forEach((cluster, m) -> out.put(String.join(", ", m), "survivor " + survivor.get(cluster) + " credit " + credit.get(cluster)));
        out.put("~review", new TreeSet<>(jdbc.queryForList("""
                select least(a.source_id, b.source_id) || '~' || greatest(a.source_id, b.source_id)
                from lead_match_review r join lead a on a.id = r.lead_id
                join lead b on b.id = r.other_lead_id""", String.class)).toString());
        return out;
    }

    /** Whole entities (so every duplicate is there), about 45 records; phones from a pool of shared numbers. */
    private static List<LeadFields> sample(LabeledLeads data) {
        Map<String, List<Integer>> byEntity = new LinkedHashMap<>();
        for (int i = 0; i < data.leads().size(); i++) {
            byEntity.computeIfAbsent(data.entities().get(i), e -> new ArrayList<>()).add(i);
        }
        List<LeadFields> out = new ArrayList<>();
        Random random = new Random(7);
        for (List<Integer> records : byEntity.values()) {
            if (out.size() >= 45) {
                break;
            }
            String phone = "+61 2 9000 " + (1000 + random.nextInt(40));
            for (int i : records) {
                LeadFields l = data.leads().get(i);
                String partner = random.nextInt(4) == 0 ? "P" + random.nextInt(3) : null;
                Instant created = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3600L * random.nextInt(1000));
                out.add(new LeadFields(out.size(), l.firstName(), l.lastName(), l.email(),
                        random.nextInt(3) == 0 ? null : phone, l.company(), l.website(), l.street(), l.city(),
                        l.postcode(), l.state(), l.country(), partner, partner == null ? null : created, created));
            }
        }
        return out;
    }

    /** One sync batch in one statement: source id (the record's index) -> lead.id. */
    private Map<Long, Long> insert(List<LeadFields> leads) {
        Map<Long, Long> ids = new HashMap<>();
        jdbc.query("""
                insert into lead (source_system, source_id, record_kind, first_name, last_name, email, phone, company,
                                  website, street, city, postcode, state, country, submitted_by_partner_id, submitted_at,
                                  created_at)
                select 'salesforce', s, 'lead', f, l, e, p, c, w, st, ci, pc, sta, co, pa, sa, ca
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                    as t(s, f, l, e, p, c, w, st, ci, pc, sta, co, pa, sa, ca)
                returning source_id, id""", rs -> {
                    ids.put(Long.parseLong(rs.getString(1)), rs.getLong(2));
                },
                column(leads, l -> Long.toString(l.id())), column(leads, LeadFields::firstName),
                column(leads, LeadFields::lastName), column(leads, LeadFields::email), column(leads, LeadFields::phone),
                column(leads, LeadFields::company), column(leads, LeadFields::website), column(leads, LeadFields::street),
                column(leads, LeadFields::city), column(leads, LeadFields::postcode), column(leads, LeadFields::state),
                column(leads, LeadFields::country), column(leads, LeadFields::submittedByPartnerId),
                leads.stream().map(l -> ts(l.submittedAt())).toArray(Timestamp[]::new),
                leads.stream().map(l -> ts(l.createdAt())).toArray(Timestamp[]::new));
        return ids;
    }

    private static String[] column(List<LeadFields> leads, java.util.function.Function<LeadFields, String> field) {
        return leads.stream().map(field).toArray(String[]::new);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
