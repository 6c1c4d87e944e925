package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Clusters, survivor, partner credit and duplicate events in the warehouse, full and incremental. */
class LeadDedupTest {
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final LeadDedup dedup = new LeadDedup(TestDatabase.dataSource(), TestSettings.defaults(DedupProperties.class));

    @BeforeEach
    void empty() {
        TestDatabase.truncateAll();
    }

    @Test
    void salesforceLeadMatchesHubSpotContactOfTheSamePerson() {
        long sf = lead("salesforce", "00Q5e00000AbCdEAAV", "lead", "Jürgen", "Müller", "Juergen.Mueller@Example-Corp.de",
                "+49 30 1234567", "Example Corp GmbH", null, "DE", null, null, "2025-01-10T09:00:00Z");
        long hs = lead("hubspot", "51", "contact", "Jurgen", "Muller", "juergen.mueller@example-corp.de",
                "030 1234567", "Example Corp", "https://www.example-corp.de/kontakt", "Germany", null, null,
                "2025-03-01T12:00:00Z");
        long other = lead("hubspot", "52", "contact", "Anna", "Müller", "anna.mueller@example-corp.de",
                "030 7654321", "Example Corp", "https://www.example-corp.de", "Germany", null, null, "2025-03-02T12:00:00Z");

        LeadDedup.Report report = dedup.runFull();

        assertThat(report.duplicates()).isEqualTo(1);
        Map<String, Object> hsRow = row(hs);
        assertThat(hsRow.get("cluster_id")).isEqualTo(row(sf).get("cluster_id"));
        assertThat(hsRow.get("duplicate_of_lead_id")).isEqualTo(sf);
        assertThat(hsRow.get("is_survivor")).isEqualTo(false);
        assertThat(row(sf).get("is_survivor")).isEqualTo(true);
        // a colleague at the same company with a different mailbox stays apart
        assertThat(row(other).get("cluster_id")).isNotEqualTo(row(sf).get("cluster_id"));
        assertThat(row(other).get("is_survivor")).isEqualTo(true);
        assertThat(jdbc.queryForList("select lead_id, duplicate_of_lead_id, rule, event_type from lead_duplicate_event"))
                .containsExactly(Map.of("lead_id", hs, "duplicate_of_lead_id", sf, "rule", "email",
                        "event_type", "Duplicate lead found"));
    }

    @Test
    void twoPartnersSubmittingTheSamePersonTheEarlierKeepsTheCredit() {
        long crm = lead("salesforce", "003A", "contact", "Maria", "Garcia", "maria.garcia@acme.com", null, "Acme Inc",
                null, "US", null, null, "2024-05-01T00:00:00Z");
        long later = lead("hubspot", "901", "submission", "María", "García", "Maria.Garcia+partner@acme.com",
                "(415) 555-0132", "ACME", null, "US", "P-LATE", "2025-02-02T10:00:00Z", "2025-02-02T10:00:00Z");
        long earlier = lead("salesforce", "00QB", "submission", "Maria", "Garcia", "maria.garcia@acme.com",
                "415-555-0132", "Acme", null, "US", "P-EARLY", "2025-01-15T08:00:00Z", "2025-02-03T00:00:00Z");

        dedup.runFull();

        Long cluster = (Long) row(crm).get("cluster_id");
        assertThat(List.of(row(later).get("cluster_id"), row(earlier).get("cluster_id"))).containsOnly(cluster);
        assertThat(jdbc.queryForMap("select survivor_lead_id, credited_partner_id, member_count from lead_cluster where id = ?", cluster))
                .isEqualTo(Map.of("survivor_lead_id", earlier, "credited_partner_id", "P-EARLY", "member_count", 3));
        for (long id : new long[]{crm, later, earlier}) {
            assertThat(row(id).get("credited_partner_id")).isEqualTo("P-EARLY");
        }
        assertThat(row(later).get("duplicate_of_lead_id")).isEqualTo(earlier);
        assertThat(row(crm).get("duplicate_of_lead_id")).isEqualTo(earlier);
    }

    @Test
    void reRunningOnUnchangedDataChangesNothing() {
        lead("salesforce", "00Q1", "lead", "Sam", "Lee", "sam.lee@globex.com", null, "Globex", null, "US", "P1",
                "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
        lead("hubspot", "11", "contact", "Samuel", "Lee", "sam.lee@globex.com", null, "Globex Corp", null, "US", null, null,
                "2025-01-02T00:00:00Z");
        lead("hubspot", "12", "contact", "Kim", "Park", "kim@initech.com", null, "Initech", null, "US", null, null,
                "2025-01-03T00:00:00Z");
        dedup.runFull();
        String before = snapshot();

        LeadDedup.Report full = dedup.runFull();
        LeadDedup.Report incremental = dedup.runIncremental();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(full.newEvents()).isZero();
        assertThat(incremental.leadsChecked()).isZero();
    }

    @Test
    void aSyncThatChangesThePhoneRewritesOnlyThePhoneKeyOfTheLead() {
        long lead = lead("salesforce", "00Q1", "lead", "Sam", "Lee", "sam.lee@globex.com", "(415) 555-0132", "Globex", null,
                "US", null, null, "2025-01-01T00:00:00Z");
        dedup.runIncremental();
        String keys = "select key_type, key, xmin::text as version from lead_match_key where lead_id = ? order by key_type, key";
        List<Map<String, Object>> before = jdbc.queryForList(keys, lead);

        jdbc.update("update lead set phone = '(415) 555-0199', synced_at = clock_timestamp() where id = ?", lead);
        assertThat(dedup.runIncremental().leadsChecked()).isEqualTo(1);

        List<Map<String, Object>> after = jdbc.queryForList(keys, lead);
        // the other keys are the very same row versions (xmin: the transaction that wrote them), not rewritten copies
        assertThat(after.stream().filter(k -> !k.get("key_type").equals("phone")).toList())
                .isEqualTo(before.stream().filter(k -> !k.get("key_type").equals("phone")).toList()).hasSizeGreaterThan(3);
        assertThat(after.stream().filter(k -> k.get("key_type").equals("phone")).map(k -> k.get("key")).toList())
                .containsExactly("+14155550199");
    }

    @Test
    void newLeadJoinsTheExistingClusterIncrementallyWithoutRenumbering() {
        long first = lead("salesforce", "00Q1", "lead", "Priya", "Shah", "priya.shah@umbrella.io", null, "Umbrella", null,
                "GB", "P1", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
        long second = lead("hubspot", "21", "contact", "Priya", "Shah", "priya.shah@umbrella.io", "020 7946 0958",
                "Umbrella Ltd", null, "GB", null, null, "2025-01-05T00:00:00Z");
        lead("hubspot", "22", "contact", "Tom", "Baker", "tom@hooli.com", null, "Hooli", null, "US", null, null,
                "2025-01-05T00:00:00Z");
        dedup.runIncremental();
        Long cluster = (Long) row(first).get("cluster_id");
        Long maxClusterBefore = jdbc.queryForObject("select max(id) from lead_cluster", Long.class);

        // arrives later from another partner, matched on the phone only (personal e-mail)
        long third = lead("salesforce", "00Q9", "submission", "Priya", "Shah", "priya.s@gmail.com", "+44 20 7946 0958",
                null, null, "GB", "P2", "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z");
        LeadDedup.Report report = dedup.runIncremental();

        assertThat(report.leadsChecked()).isEqualTo(3);
        assertThat(row(third).get("cluster_id")).isEqualTo(cluster);
        assertThat(row(third).get("duplicate_of_lead_id")).isEqualTo(first);
        assertThat(row(third).get("credited_partner_id")).isEqualTo("P1");
        assertThat(row(second).get("cluster_id")).isEqualTo(cluster);
        assertThat(jdbc.queryForObject("select max(id) from lead_cluster", Long.class)).isEqualTo(maxClusterBefore);
        assertThat(jdbc.queryForObject("select rule from lead_duplicate_event where lead_id = ?", String.class, third))
                .isEqualTo("phone");
    }

    @Test
    void leadBridgingTwoClustersKeepsTheOlderClusterId() {
        long byEmail = lead("salesforce", "00Q1", "lead", "Lena", "Vogel", "lena.vogel@initech.de", null, "Initech", null,
                "DE", null, null, "2025-01-01T00:00:00Z");
        long byPhone = lead("hubspot", "41", "contact", "Lena", "Vogel", "lena.vogel@gmail.com", "030 5550101", null, null,
                "DE", null, null, "2025-01-02T00:00:00Z");
        dedup.runIncremental();
        Long older = (Long) row(byEmail).get("cluster_id");
        Long younger = (Long) row(byPhone).get("cluster_id");
        assertThat(older).isLessThan(younger);

        long bridge = lead("salesforce", "00Q2", "submission", "Lena", "Vogel", "Lena.Vogel+web@initech.de",
                "+49 30 5550101", "Initech GmbH", null, "DE", "P7", "2025-04-01T00:00:00Z", "2025-04-01T00:00:00Z");
        dedup.runIncremental();

        assertThat(List.of(row(byEmail).get("cluster_id"), row(byPhone).get("cluster_id"), row(bridge).get("cluster_id")))
                .containsOnly(older);
        assertThat(jdbc.queryForMap("select merged_into_cluster_id, member_count from lead_cluster where id = ?", younger))
                .isEqualTo(Map.of("merged_into_cluster_id", older, "member_count", 0));
        assertThat(jdbc.queryForMap("select survivor_lead_id, credited_partner_id, member_count from lead_cluster where id = ?", older))
                .isEqualTo(Map.of("survivor_lead_id", bridge, "credited_partner_id", "P7", "member_count", 3));
    }

    @Test
    void deletedSurvivorHandsTheClusterToTheNextRecord() {
        long first = lead("salesforce", "00Q1", "submission", "Ola", "Nordmann", "ola@fjord.no", null, "Fjord AS", null,
                "NO", "P1", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
        long second = lead("hubspot", "31", "submission", "Ola", "Nordmann", "ola@fjord.no", null, "Fjord", null, "NO",
                "P2", "2025-02-01T00:00:00Z", "2025-02-01T00:00:00Z");
        dedup.runIncremental();
        Long cluster = (Long) row(first).get("cluster_id");

        jdbc.update("update lead set deleted = true, synced_at = now() + interval '1 second' where id = ?", first);
        dedup.runIncremental();

        assertThat(row(first).get("cluster_id")).isNull();
        assertThat(row(second)).containsEntry("cluster_id", cluster).containsEntry("is_survivor", true)
                .containsEntry("credited_partner_id", "P2");
        assertThat(row(second).get("duplicate_of_lead_id")).isNull();
    }

    @Test
    void everyLinkStoresItsEvidenceAndExplainPrintsTheCluster() {
        long first = lead("salesforce", "00Q1", "lead", "Robert", "Meyer", "r.meyer@initech.example", null, "Initech", null,
                "US", "P1", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
        long second = lead("hubspot", "61", "contact", "Bob", "Meyer", "R.Meyer@Initech.example", null, "Initech Inc", null,
                "US", null, null, "2025-02-01T00:00:00Z");
        dedup.runFull();

        Map<String, Object> evidence = jdbc.queryForMap("select lead_id, other_lead_id, rule, score, fields::text as fields "
                + "from lead_match_evidence");
        assertThat(evidence).containsEntry("lead_id", first).containsEntry("other_lead_id", second)
                .containsEntry("rule", "email");
        assertThat((String) evidence.get("fields")).contains("\"field\": \"first_name\"", "\"comparison\": \"nickname\"",
                "\"field\": \"email\"", "same personal mailbox: decides");
        assertThat(jdbc.queryForList("select lead_id, is_survivor, jsonb_array_length(why) as links "
                + "from lead_cluster_explained order by lead_id")).containsExactly(
                Map.of("lead_id", first, "is_survivor", true, "links", 1),
                Map.of("lead_id", second, "is_survivor", false, "links", 1));
        String explained = dedup.explain(second);
        assertThat(explained).contains("survivor lead " + first, "credit P1", "duplicate of " + first,
                "link " + first + "-" + second + " rule email", "nickname");
        assertThat(dedup.explain(999_999)).isEqualTo("lead 999999: no such lead");
    }

    @Test
    void aPairInTheReviewBandIsListedForRevOpsAndNotMerged() {
        DedupProperties strict = TestSettings.bind(DedupProperties.class, "threshold", 0.99, "review-threshold", 0.5);
        LeadDedup strictDedup = new LeadDedup(TestDatabase.dataSource(), strict);
        long a = lead("salesforce", "00Q1", "lead", "Jon", "Smith", null, null, "Globex", null, "US", null, null,
                "2025-01-01T00:00:00Z");
        long b = lead("hubspot", "71", "contact", "John", "Smith", null, null, "Globex Corporation East", null, "US", null,
                null, "2025-01-02T00:00:00Z");
        strictDedup.runFull();

        assertThat(row(a).get("cluster_id")).isNotEqualTo(row(b).get("cluster_id"));
        assertThat(jdbc.queryForList("select lead_id, other_lead_id from lead_match_review"))
                .containsExactly(Map.of("lead_id", a, "other_lead_id", b));
        assertThat(jdbc.queryForObject("select count(*) from lead_match_evidence", Long.class)).isZero();
        assertThat(strictDedup.explain(a)).contains("review pair " + a + "-" + b + " status open");
    }

    private String snapshot() {
        return jdbc.queryForList("""
                select id, cluster_id, duplicate_of_lead_id, is_survivor, credited_partner_id, dedup_checked_at
                from lead order by id""").toString()
                + jdbc.queryForList("select * from lead_cluster order by id")
                + jdbc.queryForList("select * from lead_duplicate_event order by id")
                + jdbc.queryForList("select * from lead_match_key order by lead_id, key_type, key")
                + jdbc.queryForList("select * from lead_match_evidence order by lead_id, other_lead_id")
                + jdbc.queryForList("select * from lead_match_review order by lead_id, other_lead_id");
    }

    private Map<String, Object> row(long id) {
        return jdbc.queryForMap("select * from lead where id = ?", id);
    }

    private long lead(String source, String sourceId, String kind, String first, String last, String email, String phone,
                      String company, String website, String country, String partner, String submittedAt, String createdAt) {
        return jdbc.queryForObject("""
                insert into lead (source_system, source_id, record_kind, first_name, last_name, email, phone, company,
                                  website, country, submitted_by_partner_id, submitted_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, source, sourceId, kind, first,
                last, email, phone, company, website, country, partner, ts(submittedAt), ts(createdAt));
    }

    private static Timestamp ts(String iso) {
        return iso == null ? null : Timestamp.from(Instant.parse(iso));
    }
}
