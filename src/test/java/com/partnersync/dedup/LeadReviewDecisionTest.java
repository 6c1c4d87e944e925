package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RevOps decisions in lead_match_review (status open / confirmed / rejected, decided_by, decided_at): a confirmed pair
 * links, a rejected pair never links and never shares a cluster, and the decision sticks through later changes of the
 * leads and through incremental and full runs.
 */
class LeadReviewDecisionTest {
    /** The statement docs/dedup.md gives RevOps: decide any pair, whether dedup listed it for review, linked it or not. */
    private static final String DECIDE = """
            insert into lead_match_review (lead_id, other_lead_id, score, fields, status, decided_by)
            select least(?::bigint, ?::bigint), greatest(?::bigint, ?::bigint),
                   coalesce(e.score, 0), coalesce(e.fields, '[]'), ?, ?
            from (select 1) one left join lead_match_evidence e
                on e.lead_id = least(?::bigint, ?::bigint) and e.other_lead_id = greatest(?::bigint, ?::bigint)
            on conflict (lead_id, other_lead_id) do update set status = excluded.status, decided_by = excluded.decided_by""";
    private static final SingleConnectionDataSource connection = DedupTestDatabase.connection();
    private final JdbcTemplate jdbc = new JdbcTemplate(connection);
    /** A high threshold so that a Jon/John Smith pair at one company lands in the review band. */
    private final LeadDedup dedup = new LeadDedup(connection,
            TestSettings.bind(DedupProperties.class, "threshold", 0.99, "review-threshold", 0.5));

    @BeforeEach
    void empty() {
        DedupTestDatabase.empty(jdbc);
    }

    @ParameterizedTest(name = "{0} {1}, then {2} runs -> {3}")
    @CsvSource({
            // pair                 decision   runs          expected
            "review band pair,      confirmed, incremental,  linked",
            "review band pair,      confirmed, full,         linked",
            "review band pair,      rejected,  incremental,  apart",
            "review band pair,      rejected,  full,         apart",
            "same personal e-mail,  rejected,  incremental,  apart",
            "same personal e-mail,  rejected,  full,         apart",
            "same personal e-mail,  confirmed, incremental,  linked",
            "nothing in common,     confirmed, incremental,  linked",
            "nothing in common,     confirmed, full,         linked",
            "nothing in common,     rejected,  incremental,  apart",
    })
    void aDecisionOverridesTheScoreAndSticksAcrossRunsAndChanges(String pair, String decision, String runs, String expected) {
        long[] leads = pair(pair);
        long a = leads[0];
        long b = leads[1];
        dedup.runIncremental();

        jdbc.update(DECIDE, a, b, a, b, decision, "alice@revops", a, b, a, b);
        run(runs);
        assertDecided(a, b, decision, expected);

        // the leads change in the CRM (the scores move), both kinds of run again: the decision holds
        jdbc.update("update lead set company = company || ' Holdings', synced_at = clock_timestamp() where id in (?, ?)", a, b);
        dedup.runIncremental();
        assertDecided(a, b, decision, expected);
        dedup.runFull();
        assertDecided(a, b, decision, expected);
        assertThat(dedup.runIncremental().leadsChecked()).as("a decision is taken into account once").isZero();
    }

    @Test
    void aRejectedPairNeverSharesAClusterEvenWhenAThirdLeadLinksToBoth() {
        long a = lead("00Q1", "Robert", "Meyer", "r.meyer@initech.example", "Initech");
        long b = lead("00Q2", "Bob", "Meyer", "R.Meyer@Initech.example", "Initech Inc");
        dedup.runIncremental();
        assertThat(cluster(a)).isEqualTo(cluster(b));

        jdbc.update(DECIDE, a, b, a, b, "rejected", "alice@revops", a, b, a, b);
        long c = lead("00Q3", "Robert", "Meyer", "r.meyer@initech.example", "Initech");
        dedup.runIncremental();

        assertThat(cluster(a)).as("rejected pair").isNotEqualTo(cluster(b));
        assertThat(cluster(c)).isIn(cluster(a), cluster(b));
        assertThat(jdbc.queryForObject("select count(*) from lead_match_evidence where lead_id = ? and other_lead_id = ?",
                Long.class, a, b)).isZero();
        dedup.runFull();
        assertThat(cluster(a)).as("rejected pair, full run").isNotEqualTo(cluster(b));
    }

    @Test
    void reopeningADecisionGivesThePairBackToTheScore() {
        long[] leads = pair("same personal e-mail");
        dedup.runIncremental();
        jdbc.update(DECIDE, leads[0], leads[1], leads[0], leads[1], "rejected", "alice@revops", leads[0], leads[1],
                leads[0], leads[1]);
        dedup.runIncremental();
        assertThat(cluster(leads[0])).isNotEqualTo(cluster(leads[1]));

        jdbc.update("update lead_match_review set status = 'open' where lead_id = ?", leads[0]);
        dedup.runIncremental();

        assertThat(cluster(leads[0])).isEqualTo(cluster(leads[1]));
        assertThat(jdbc.queryForList("select * from lead_match_review")).as("an open pair that now links is no review pair")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "update lead_match_review set status = 'rejected' where true; lead_match_review_decided_by",
            "update lead_match_review set status = 'merged', decided_by = 'bob' where true; lead_match_review_status_check"})
    void aDecisionNeedsAKnownStatusAndWhoMadeIt(String sql, String constraint) {
        long[] leads = pair("review band pair");
        dedup.runIncremental();
        assertThat(jdbc.queryForObject("select count(*) from lead_match_review where status = 'open'", Long.class)).isOne();

        assertThatThrownBy(() -> jdbc.update(sql)).hasMessageContaining(constraint);
        assertThat(jdbc.queryForMap("select status, decided_by, decided_at from lead_match_review where lead_id = ?", leads[0]))
                .containsEntry("status", "open").containsEntry("decided_by", null).containsEntry("decided_at", null);
    }

    @Test
    void theReaderViewShowsTheDecisionWithoutNormalizedEmailsOrPhones() {
        long a = lead("00Q1", "Robert", "Meyer", "r.meyer@initech.example", "Initech");
        long b = lead("00Q2", "Bob", "Meyer", "R.Meyer@Initech.example", "Initech Inc");
        dedup.runIncremental();
        jdbc.update(DECIDE, a, b, a, b, "rejected", "alice@revops", a, b, a, b);

        Map<String, Object> row = jdbc.queryForMap("""
                select status, decided_by, decided_at is not null as stamped, fields::text as fields from v_lead_match_review""");
        assertThat(row).containsEntry("status", "rejected").containsEntry("decided_by", "alice@revops")
                .containsEntry("stamped", true);
        assertThat((String) row.get("fields")).contains("\"field\": \"email\"", "\"field\": \"last_name\"", "meyer")
                .doesNotContain("r.meyer@initech.example");
    }

    private void run(String runs) {
        if (runs.equals("full")) {
            dedup.runFull();
        } else {
            assertThat(dedup.runIncremental().leadsChecked()).as("the decision marks both leads for re-checking")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    private void assertDecided(long a, long b, String decision, String expected) {
        if (expected.equals("linked")) {
            assertThat(cluster(a)).as("confirmed pair in one cluster").isEqualTo(cluster(b));
            assertThat(jdbc.queryForObject("select rule from lead_match_evidence where lead_id = ? and other_lead_id = ?",
                    String.class, Math.min(a, b), Math.max(a, b))).isEqualTo("confirmed");
        } else {
            assertThat(cluster(a)).as("rejected pair apart").isNotEqualTo(cluster(b));
            assertThat(jdbc.queryForObject("select count(*) from lead_match_evidence", Long.class)).isZero();
        }
        assertThat(jdbc.queryForMap("select status, decided_by, decided_at is not null as stamped from lead_match_review "
                + "where lead_id = ? and other_lead_id = ?", Math.min(a, b), Math.max(a, b)))
                .isEqualTo(Map.of("status", decision, "decided_by", "alice@revops", "stamped", true));
    }

    private long[] pair(String kind) {
        return switch (kind) {
            case "review band pair" -> new long[]{lead("00Q1", "Jon", "Smith", null, "Globex"),
                    lead("00Q2", "John", "Smith", null, "Globex Corporation East")};
            case "same personal e-mail" -> new long[]{lead("00Q1", "Robert", "Meyer", "r.meyer@initech.example", "Initech"),
                    lead("00Q2", "Bob", "Meyer", "R.Meyer@Initech.example", "Initech Inc")};
            case "nothing in common" -> new long[]{lead("00Q1", "Ann", "Lee", "ann.lee@globex.example", "Globex"),
                    lead("00Q2", "Bea", "Kim", "bea@kim-family.example", "Umbrella")};
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private Long cluster(long lead) {
        return jdbc.queryForObject("select cluster_id from lead where id = ?", Long.class, lead);
    }

    private long lead(String sourceId, String first, String last, String email, String company) {
        return jdbc.queryForObject("""
                insert into lead (source_system, source_id, record_kind, first_name, last_name, email, company, country)
                values ('salesforce', ?, 'lead', ?, ?, ?, ?, 'US') returning id""", Long.class, sourceId, first, last, email,
                company);
    }
}
