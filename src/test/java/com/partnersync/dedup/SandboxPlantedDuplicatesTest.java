package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.DuplicateGroup;
import com.partnersync.sandbox.RecordRef;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's people (Salesforce leads and contacts, HubSpot contacts), loaded straight into the lead table with the
 * default mappings' field names: every planted duplicate group must end up in one cluster, every look-alike apart,
 * and no cluster may join records the sandbox did not plant as one person.
 */
class SandboxPlantedDuplicatesTest {
    private static final SandboxDataset DATASET = SandboxDataset.builder().build();
    private static final JdbcTemplate JDBC = TestDatabase.jdbc();
    private static final Map<String, Long> LEAD_IDS = new HashMap<>();

    @BeforeAll
    static void loadAndDedupe() {
        TestDatabase.truncateAll();
        load(Crm.SALESFORCE, "Lead");
        load(Crm.SALESFORCE, "Contact");
        load(Crm.HUBSPOT, "contacts");
        new LeadDedup(TestDatabase.dataSource(), TestSettings.defaults(DedupProperties.class)).runFull();
    }

    @Test
    void aSecondCycleThatReSyncsEveryLeadWritesNoDuplicateOfChange() {
        String sql = "select id, cluster_id, duplicate_of_lead_id, credited_partner_id from lead order by id";
        List<Map<String, Object>> before = JDBC.queryForList(sql);
        // the next cycle reads every record again (write-back echoes, a full sync): all leads count as changed
        JDBC.update("update lead set synced_at = clock_timestamp()");
        LeadDedup.Report second = new LeadDedup(TestDatabase.dataSource(), TestSettings.defaults(DedupProperties.class)).runIncremental();

        assertThat(second.leadsChecked()).isEqualTo(before.size());
        assertThat(second.newEvents()).isZero();
        assertThat(JDBC.queryForList(sql)).isEqualTo(before);
    }

    @Test
    void everyPlantedDuplicateGroupIsOneCluster() {
        assertThat(DATASET.plantedDuplicateGroups()).isNotEmpty();
        for (DuplicateGroup group : DATASET.plantedDuplicateGroups()) {
            assertThat(group.members().stream().map(SandboxPlantedDuplicatesTest::cluster).distinct().toList())
                    .as(group.reason()).hasSize(1);
        }
    }

    @Test
    void lookAlikesStayApart() {
        assertThat(DATASET.plantedLookAlikes()).isNotEmpty();
        for (DuplicateGroup group : DATASET.plantedLookAlikes()) {
            assertThat(group.members().stream().map(SandboxPlantedDuplicatesTest::cluster).distinct().toList())
                    .as(group.reason()).hasSize(group.members().size());
        }
    }

    @Test
    void noClusterJoinsRecordsThatAreNotOnePlantedPerson() {
        // the generator sometimes draws the same name at the same company twice, which yields the same e-mail address:
        // one mailbox, so one person, although not planted; such records count as one person here
        Map<Long, Object> plantedGroupOfLead = new HashMap<>();
        JDBC.queryForList("""
                select id, lower(email) || '/' || lower(first_name) || '/' || lower(last_name) as person from lead
                where lower(email) in (select lower(email) from lead group by 1 having count(*) > 1)""")
                .forEach(r -> plantedGroupOfLead.put((Long) r.get("id"), r.get("person")));
        List<DuplicateGroup> groups = DATASET.plantedDuplicateGroups();
        for (int g = 0; g < groups.size(); g++) {
            for (RecordRef ref : groups.get(g).members()) {
                plantedGroupOfLead.merge(leadId(ref), g, (accidental, planted) -> planted);
            }
        }
        List<String> falseMerges = new ArrayList<>();
        Map<Long, List<Long>> clusters = JDBC.queryForList("select id, cluster_id from lead where not deleted").stream()
                .collect(Collectors.groupingBy(r -> (Long) r.get("cluster_id"),
                        Collectors.mapping(r -> (Long) r.get("id"), Collectors.toList())));
        for (List<Long> members : clusters.values()) {
            Set<Object> groupsInCluster = new HashSet<>();
            members.forEach(id -> groupsInCluster.add(plantedGroupOfLead.containsKey(id) ? plantedGroupOfLead.get(id) : "lead " + id));
            if (members.size() > 1 && groupsInCluster.size() > 1) {
                falseMerges.add(JDBC.queryForList("select first_name, last_name, email, phone, company from lead where id = any(?)",
                        (Object) members.toArray(Long[]::new)).toString());
            }
        }
        assertThat(falseMerges).isEmpty();
    }

    @Test
    void firstPartnerToSubmitKeepsTheCredit() {
        DuplicateGroup twoPartners = DATASET.plantedDuplicateGroups().stream()
                .filter(g -> g.reason().contains("first submitter")).findFirst().orElseThrow();
        Map<String, Object> cluster = JDBC.queryForMap("select * from lead_cluster where id = ?", cluster(twoPartners.members().get(0)));
        Map<String, Object> first = JDBC.queryForMap("""
                select submitted_by_partner_id from lead where cluster_id = ? and submitted_by_partner_id is not null
                order by submitted_at limit 1""", cluster.get("id"));
        assertThat(cluster.get("credited_partner_id")).isNotNull().isEqualTo(first.get("submitted_by_partner_id"));
    }

    private static Long cluster(RecordRef ref) {
        return JDBC.queryForObject("select cluster_id from lead where id = ?", Long.class, leadId(ref));
    }

    private static long leadId(RecordRef ref) {
        return LEAD_IDS.get(ref.crm() + "/" + ref.id());
    }

    private static void load(Crm crm, String object) {
        List<SandboxRecord> records = DATASET.pageAfter(crm, object, null, null, null, Integer.MAX_VALUE, false);
        List<Object[]> rows = new ArrayList<>();
        for (SandboxRecord r : records) {
            Map<String, Object> f = r.fields();
            boolean sf = crm == Crm.SALESFORCE;
            boolean contact = object.equals("Contact");
            Map<?, ?> account = contact && f.get("Account") instanceof Map<?, ?> m ? m : Map.of();
            Object[] row = sf
                    ? new Object[]{"salesforce", r.id(), contact ? "contact" : "lead", f.get("FirstName"), f.get("LastName"),
                    f.get("Email"), f.get("Phone"), contact ? account.get("Name") : f.get("Company"),
                    contact ? account.get("Website") : f.get("Website"), f.get(contact ? "MailingStreet" : "Street"),
                    f.get(contact ? "MailingCity" : "City"), f.get(contact ? "MailingPostalCode" : "PostalCode"),
                    f.get(contact ? "MailingState" : "State"), f.get(contact ? "MailingCountry" : "Country"),
                    f.get("Submitted_By_Partner_Id__c"), time(f.get("Submitted_At__c")), Timestamp.from(r.createdAt())}
                    : new Object[]{"hubspot", r.id(), "contact", f.get("firstname"), f.get("lastname"), f.get("email"),
                    f.get("phone"), f.get("company"), f.get("website"), f.get("address"), f.get("city"), f.get("zip"),
                    f.get("state"), f.get("country"), f.get("submitted_by_partner_id"), time(f.get("partner_submitted_at")),
                    Timestamp.from(r.createdAt())};
            rows.add(row);
        }
        JDBC.batchUpdate("""
                insert into lead (source_system, source_id, record_kind, first_name, last_name, email, phone, company,
                    website, street, city, postcode, state, country, submitted_by_partner_id, submitted_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        JDBC.queryForList("select id, source_system, source_id from lead").forEach(r -> LEAD_IDS.put(
                r.get("source_system").toString().toUpperCase() + "/" + r.get("source_id"), (Long) r.get("id")));
    }

    /** CRM date-times as the sandbox writes them; a malformed value (planted on purpose) is no submission time. */
    private static Timestamp time(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        try {
            return Timestamp.from(OffsetDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX")).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Timestamp.from(Instant.parse(text));
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
