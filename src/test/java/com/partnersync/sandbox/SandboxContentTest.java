package com.partnersync.sandbox;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's content: what the shipped mappings read, the planted scenarios and the duplicate ground truth. */
class SandboxContentTest {
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    private static SandboxDataset data;
    private static Map<String, List<SandboxRecord>> live;

    @BeforeAll
    static void readEverything() {
        data = SandboxDataset.builder().build();
        live = new java.util.HashMap<>();
        for (Crm crm : Crm.values()) {
            for (String object : data.objects(crm)) {
                live.put(crm + "/" + object, data.pageAfter(crm, object, null, null, null, 100_000, false));
            }
        }
    }

    private static List<SandboxRecord> records(Crm crm, String object) {
        return live.get(crm + "/" + object);
    }

    static Stream<Path> mappingFiles() throws IOException {
        return Files.list(Path.of("mappings")).filter(Files::isDirectory).flatMap(dir -> {
            try {
                return Files.list(dir).filter(f -> f.toString().endsWith(".yml")).sorted().toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    /** Every CRM field (or dotted path) a mapping file reads: columns' from/concat/shorthand, `when`, write-back. */
    @SuppressWarnings("unchecked")
    private static Set<String> fieldsRead(Map<String, Object> mapping) {
        Set<String> fields = new LinkedHashSet<>();
        for (Object column : ((Map<String, Object>) mapping.get("columns")).values()) {
            if (column instanceof String field) {
                fields.add(field);
            } else if (column instanceof Map<?, ?> spec) {
                Object from = spec.containsKey("from") ? spec.get("from") : spec.get("concat");
                if (from instanceof String field) {
                    fields.add(field);
                } else if (from instanceof List<?> list) {
                    list.forEach(f -> fields.add((String) f));
                }
            }
        }
        if (mapping.get("when") instanceof Map<?, ?> when) {
            fields.add((String) when.get("field"));
        }
        // writeback: fields are partner-sync's output: empty in a fresh CRM until the first write-back fills them
        return fields;
    }

    private static Object valueAt(Crm crm, String object, SandboxRecord record, String path) {
        if (path.startsWith("associations.")) {
            List<String> ids = data.associations(object, record.id(), path.substring("associations.".length()));
            return ids.isEmpty() ? null : ids;
        }
        Object value = record.fields();
        for (String part : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return value;
    }

    @ParameterizedTest
    @MethodSource("mappingFiles")
    void everyFieldTheShippedMappingsReadIsGeneratedForItsObject(Path file) throws IOException {
        Map<String, Object> mapping = yaml(file);
        Crm crm = Crm.valueOf(((String) mapping.get("source")).toUpperCase(Locale.ROOT));
        String object = (String) mapping.get("object");
        assertThat(data.objects(crm)).as(file.toString()).contains(object);
        List<SandboxRecord> records = records(crm, object);
        for (String field : fieldsRead(mapping)) {
            assertThat(records).as(file + " reads " + field).anyMatch(r -> valueAt(crm, object, r, field) != null);
        }
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @CsvSource({"mappings/salesforce/partner.yml, Partner_Type__c", "mappings/hubspot/partner.yml, partner_type"})
    void partnersOfAllTenTypesInEachCrmAsThePartnerMappingsReadThem(Path file, String typeField) throws IOException {
        Map<String, Object> mapping = yaml(file);
        Map<String, Object> when = (Map<String, Object>) mapping.get("when");
        Map<String, String> typeMap = (Map<String, String>) ((Map<String, Object>) ((Map<String, Object>) mapping.get("columns"))
                .get("partner_type")).get("map");
        Crm crm = Crm.valueOf(((String) mapping.get("source")).toUpperCase(Locale.ROOT));
        Set<String> types = new HashSet<>();
        for (SandboxRecord record : records(crm, (String) mapping.get("object"))) {
            Object kind = record.fields().get((String) when.get("field"));
            boolean partner = when.containsKey("equals") ? Objects.equals(when.get("equals"), kind)
                    : ((List<String>) when.get("in")).contains(kind);
            if (partner && record.fields().get(typeField) != null) {
                types.add(typeMap.get(record.fields().get(typeField).toString().trim().toLowerCase(Locale.ROOT)));
            }
        }
        assertThat(types).containsExactlyInAnyOrder("advocate", "referral", "affiliate", "strategic", "integration",
                "reseller", "services", "msp", "marketplace", "white_label");
    }

    @ParameterizedTest
    @CsvSource({
            "partner/advocate, 2", "partner/white_label, 2", "account/with-partner-fields, 11",
            "deal-registration/valid, 2", "deal-registration/missing-account-url, 1", "deal-registration/missing-buyer-role, 1",
            "deal-registration/missing-problem-statement, 1", "deal-registration/missing-next-meeting-date, 1",
            "deal-registration/missing-several-fields, 1", "deal-registration/expired, 1", "deal-registration/stale, 1",
            "deal-registration/conflict-with-discovery/first, 1", "deal-registration/conflict-with-discovery/second, 1",
            "deal-registration/conflict-without-discovery/first, 1", "deal-registration/conflict-without-discovery/second, 1",
            "deal-registration/rejected, 1",
            "attribution/direct, 2", "attribution/partner-sourced, 2", "attribution/paid, 2",
            "attribution/marketplace-private-offer, 2", "attribution/fraud-flagged, 2", "attribution/influence, 2",
            "attribution/co-sell, 2", "opportunity/stage/Closed Won, 1", "opportunity/stage/closedlost, 1",
            "meeting/joint, 3", "meeting/discovery-before-conflict, 1", "task/call, 2", "task/email, 1",
            "duplicate-lead, 16", "look-alike-lead, 5", "malformed-value, 8", "write-failure, 4"})
    void everyScenarioIsPlanted(String scenario, int records) {
        assertThat(data.scenarios().get(scenario)).as(scenario).hasSize(records);
    }

    @Test
    void fieldsListsEveryFieldOfTheObjectIncludingSystemFields() {
        assertThat(data.fields(Crm.SALESFORCE, "Opportunity")).startsWith("Id")
                .contains("Amount", "Deal_Reg_Id__c", "SystemModstamp", "IsDeleted").doesNotHaveDuplicates()
                .containsAll(records(Crm.SALESFORCE, "Opportunity").get(0).fields().keySet());
        assertThat(data.fields(Crm.HUBSPOT, "contacts")).contains("email", "hs_object_id", "lastmodifieddate")
                .doesNotContain("hs_lastmodifieddate");
    }

    @Test
    void opportunitiesInEveryStageOfBothCrms() {
        assertThat(records(Crm.SALESFORCE, "Opportunity").stream().map(r -> r.fields().get("StageName")).distinct())
                .containsExactlyInAnyOrderElementsOf(Vocabulary.SALESFORCE_STAGES);
        assertThat(records(Crm.HUBSPOT, "deals").stream().map(r -> r.fields().get("dealstage")).distinct())
                .containsExactlyInAnyOrderElementsOf(Vocabulary.HUBSPOT_STAGES);
    }

    private static SandboxRecord registration(String scenario) {
        RecordRef ref = data.scenarios().get("deal-registration/" + scenario).get(0);
        return data.record(ref.crm(), ref.object(), ref.id()).orElseThrow();
    }

    private static Instant salesforceInstant(Object value) {
        return OffsetDateTime.parse((String) value, SALESFORCE_DATETIME).toInstant();
    }

    private static String domain(Object url) {
        String text = url.toString().trim().toLowerCase(Locale.ROOT);
        String host = URI.create(text.contains("://") ? text : "http://" + text).getHost();
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** Meetings (Events) logged on the registration's account, by date. */
    private static List<SandboxRecord> meetingsOn(SandboxRecord registration) {
        return records(Crm.SALESFORCE, "Event").stream()
                .filter(e -> Objects.equals(e.fields().get("AccountId"), registration.fields().get("Account__c"))).toList();
    }

    @ParameterizedTest
    @CsvSource({"missing-account-url, Account_URL__c", "missing-buyer-role, Buyer_Role__c",
            "missing-problem-statement, Problem_Statement__c", "missing-next-meeting-date, Next_Meeting_Date__c"})
    void aRegistrationMissingOneRequiredFieldHasOnlyThatOneBlank(String scenario, String missing) {
        Map<String, Object> fields = registration(scenario).fields();
        for (String required : List.of("Account_URL__c", "Buyer_Role__c", "Problem_Statement__c", "Next_Meeting_Date__c")) {
            Object value = fields.get(required);
            assertThat(value == null || value.toString().isBlank()).as(required).isEqualTo(required.equals(missing));
        }
    }

    @Test
    void expiredIsApprovedMoreThanNinetyDaysAgoAndStaleHasNoMeetingForTwentyOneDays() {
        Instant asOf = data.asOf();
        SandboxRecord expired = registration("expired");
        Instant expiredApproval = salesforceInstant(expired.fields().get("Approved_At__c"));
        assertThat(expiredApproval).isBefore(asOf.minus(Duration.ofDays(90)));
        // never 21 days without a meeting since approval: only the 90-day validity can expire it
        List<Instant> touches = new ArrayList<>(List.of(expiredApproval, asOf));
        meetingsOn(expired).forEach(e -> touches.add(salesforceInstant(e.fields().get("ActivityDateTime"))));
        touches.sort(null);
        for (int i = 1; i < touches.size(); i++) {
            assertThat(Duration.between(touches.get(i - 1), touches.get(i))).isLessThan(Duration.ofDays(21));
        }

        SandboxRecord stale = registration("stale");
        Instant approved = salesforceInstant(stale.fields().get("Approved_At__c"));
        assertThat(approved).isAfter(asOf.minus(Duration.ofDays(90))).isBefore(asOf.minus(Duration.ofDays(21)));
        assertThat(meetingsOn(stale)).isNotEmpty().allMatch(e ->
                salesforceInstant(e.fields().get("ActivityDateTime")).isBefore(asOf.minus(Duration.ofDays(21))));

        SandboxRecord valid = registration("valid");
        assertThat(meetingsOn(valid)).anyMatch(e ->
                salesforceInstant(e.fields().get("ActivityDateTime")).isAfter(asOf.minus(Duration.ofDays(21))));
    }

    @ParameterizedTest
    @CsvSource({"conflict-with-discovery, true", "conflict-without-discovery, false"})
    void conflictingRegistrationsShareADomainWithinThirtyDays(String scenario, boolean firstHasDiscovery) {
        SandboxRecord first = registration(scenario + "/first");
        SandboxRecord second = registration(scenario + "/second");
        assertThat(domain(second.fields().get("Account_URL__c"))).isEqualTo(domain(first.fields().get("Account_URL__c")));
        assertThat(second.fields().get("Partner_Id__c")).isNotEqualTo(first.fields().get("Partner_Id__c"));
        Instant firstSubmitted = salesforceInstant(first.fields().get("Submitted_At__c"));
        Instant secondSubmitted = salesforceInstant(second.fields().get("Submitted_At__c"));
        assertThat(secondSubmitted).isAfter(firstSubmitted).isBefore(firstSubmitted.plus(Duration.ofDays(30)));
        boolean discovery = meetingsOn(first).stream().anyMatch(e ->
                Objects.equals(e.fields().get("Partner_Id__c"), first.fields().get("Partner_Id__c"))
                        && salesforceInstant(e.fields().get("ActivityDateTime")).isBefore(secondSubmitted));
        assertThat(discovery).isEqualTo(firstHasDiscovery);
    }

    @Test
    void duplicateGroupsSpanBothCrmsAndPartnerSubmissionsAndLookAlikesAreSeparate() {
        List<DuplicateGroup> groups = data.plantedDuplicateGroups();
        assertThat(groups).hasSizeGreaterThanOrEqualTo(6).allMatch(g -> g.members().size() >= 2);
        List<RecordRef> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.members()));
        assertThat(all).doesNotHaveDuplicates()
                .allMatch(ref -> data.record(ref.crm(), ref.object(), ref.id()).filter(r -> !r.deleted()).isPresent());
        assertThat(groups).allMatch(g -> g.members().stream().map(RecordRef::crm).distinct().count() == 2);
        assertThat(all).anyMatch(ref -> {
            Map<String, Object> fields = data.record(ref.crm(), ref.object(), ref.id()).orElseThrow().fields();
            return fields.get("Submitted_By_Partner_Id__c") != null || fields.get("submitted_by_partner_id") != null;
        });
        assertThat(data.plantedLookAlikes()).hasSizeGreaterThanOrEqualTo(3);
        for (DuplicateGroup lookAlike : data.plantedLookAlikes()) {
            long sameGroup = groups.stream().filter(g -> g.members().containsAll(lookAlike.members())).count();
            assertThat(sameGroup).as(lookAlike.reason()).isZero();
        }
    }

    @Test
    void writeFailuresAreOnlyOnTheRecordsPlantedForThem() {
        for (RecordRef ref : data.scenarios().get("write-failure")) {
            assertThat(data.writeFailure(ref.crm(), ref.object(), ref.id())).as(ref.toString())
                    .hasValueSatisfying(e -> assertThat(e.message()).isNotBlank());
        }
        assertThat(data.writeFailure(Crm.SALESFORCE, "Opportunity", data.scenarios().get("write-failure").stream()
                .filter(r -> r.object().equals("Opportunity")).findFirst().orElseThrow().id()))
                .hasValueSatisfying(e -> assertThat(e.errorCode()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
        assertThat(records(Crm.HUBSPOT, "deals")).filteredOn(r -> data.writeFailure(Crm.HUBSPOT, "deals", r.id()).isPresent())
                .hasSize(1);
    }

    @SuppressWarnings("unchecked")
    @Test
    void valuesAreInTheCrmsApiFormats() {
        for (String object : data.objects(Crm.SALESFORCE)) {
            String prefix = SandboxContent.SALESFORCE_PREFIXES.get(object);
            for (SandboxRecord record : records(Crm.SALESFORCE, object)) {
                assertThat(record.id()).hasSize(18).startsWith(prefix).isEqualTo(record.fields().get("Id"));
                assertThat((String) record.fields().get("SystemModstamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
            }
        }
        assertThat(records(Crm.SALESFORCE, "Opportunity")).allSatisfy(r -> {
            assertThat(r.fields().get("IsWon")).isInstanceOf(Boolean.class);
            LocalDate.parse((String) r.fields().get("CloseDate"));
        });
        assertThat(records(Crm.SALESFORCE, "Contact")).allSatisfy(r ->
                assertThat((Map<String, Object>) r.fields().get("Account")).containsKeys("attributes", "Name"));
        for (String object : data.objects(Crm.HUBSPOT)) {
            for (SandboxRecord record : records(Crm.HUBSPOT, object)) {
                assertThat(record.id()).containsOnlyDigits().isEqualTo(record.fields().get("hs_object_id"));
                assertThat(record.fields().values()).allMatch(v -> v == null || v instanceof String);
                assertThat((String) record.fields().get(object.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate"))
                        .endsWith("Z");
            }
        }
    }

    @Test
    void hubspotDealsAssociateToCompaniesPrimaryFirstAndToContacts() {
        RecordRef sourced = data.scenarios().get("attribution/partner-sourced").stream()
                .filter(r -> r.crm() == Crm.HUBSPOT).findFirst().orElseThrow();
        List<String> companies = data.associations("deals", sourced.id(), "companies");
        assertThat(companies).hasSize(2);
        assertThat(data.record(Crm.HUBSPOT, "companies", companies.get(0)).orElseThrow().fields())
                .containsEntry("name", "Soylent Foods");
        assertThat(data.associations("deals", sourced.id(), "contacts")).isNotEmpty();
        assertThat(records(Crm.HUBSPOT, "deals")).allMatch(d -> !data.associations("deals", d.id(), "companies").isEmpty());
    }
}
