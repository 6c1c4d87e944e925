package com.partnersync.sandbox;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner program's story in the generated records (before any sync or rule): every link between registrations,
 * the deals they sourced and their follow-up meetings holds in the CRMs' own fields, and deals close after they open.
 */
class ProgramStoryTest {
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    private static final Instant AS_OF = Instant.parse("2026-12-07T00:00:00Z");
    private static final SandboxDataset DATA = SandboxDataset.builder().asOf(AS_OF).build();
    private static final Map<String, Map<String, SandboxRecord>> BY_ID = new HashMap<>();

    @BeforeAll
    static void readEverything() {
        for (Crm crm : Crm.values()) {
            for (String object : DATA.objects(crm)) {
                BY_ID.put(crm + "/" + object, DATA.pageAfter(crm, object, null, null, null, 100_000, false).stream()
                        .collect(Collectors.toMap(SandboxRecord::id, Function.identity())));
            }
        }
    }

    private static List<SandboxRecord> generated(Crm crm, String object) {
        Map<String, List<RecordRef>> scenarios = DATA.scenarios();
        var planted = scenarios.values().stream().flatMap(List::stream).map(RecordRef::id).collect(Collectors.toSet());
        return BY_ID.get(crm + "/" + object).values().stream().filter(r -> !planted.contains(r.id())).toList();
    }

    private static Instant salesforceTime(Object value) {
        return OffsetDateTime.parse((String) value, SALESFORCE_DATETIME).toInstant();
    }

    private static Object f(SandboxRecord record, String field) {
        return record.fields().get(field);
    }

    @Test
    void thirtyGeneratedPartnersCoverEveryTypeAndProgram() {
        List<SandboxRecord> partners = generated(Crm.SALESFORCE, "Account").stream()
                .filter(a -> "Partner".equals(f(a, "Type"))).toList();
        assertThat(partners).hasSizeBetween(28, 30); // a partner account may start deleted, as any generated record
        assertThat(partners).allMatch(p -> ((String) f(p, "Partner_Id__c")).matches("P-0[1-4][0-9]"));
        assertThat(partners.stream().map(p -> f(p, "Partner_Type__c")).distinct()).hasSize(10);
        assertThat(partners.stream().map(p -> f(p, "Partner_Program__c")).distinct())
                .containsExactlyInAnyOrder("Referral Program", "Reseller Program", "Technology Partners");
    }

    @Test
    void aRegistrationAndTheSalesforceOpportunityItSourcedNameEachOther() {
        List<SandboxRecord> linked = generated(Crm.SALESFORCE, "Deal_Registration__c").stream()
                .filter(r -> f(r, "Opportunity__c") != null).toList();
        assertThat(linked).hasSizeGreaterThan(150);
        for (SandboxRecord registration : linked) {
            SandboxRecord opportunity = BY_ID.get("SALESFORCE/Opportunity").get((String) f(registration, "Opportunity__c"));
            if (opportunity == null) {
                continue; // the opportunity starts deleted
            }
            assertThat(f(opportunity, "Deal_Reg_Id__c")).isEqualTo(f(registration, "Deal_Reg_Id__c"));
            assertThat(f(opportunity, "Partner_Id__c")).isEqualTo(f(registration, "Partner_Id__c"));
            assertThat(f(opportunity, "AccountId")).isEqualTo(f(registration, "Account__c"));
            assertThat(f(opportunity, "LeadSource")).isEqualTo("Partner Referral");
            assertThat(f(registration, "Status__c")).isEqualTo("Approved");
            // approved before the deal was opened, so the registration was valid when it was
            assertThat(salesforceTime(f(registration, "Approved_At__c"))).isBefore(opportunity.createdAt());
        }
    }

    @Test
    void aHubSpotDealNamesTheRegistrationOfItsCompany() {
        Map<String, SandboxRecord> registrations = BY_ID.get("SALESFORCE/Deal_Registration__c").values().stream()
                .collect(Collectors.toMap(r -> (String) f(r, "Deal_Reg_Id__c"), Function.identity()));
        List<SandboxRecord> sourced = generated(Crm.HUBSPOT, "deals").stream().filter(d -> f(d, "deal_reg_id") != null).toList();
        assertThat(sourced).hasSizeGreaterThan(150);
        for (SandboxRecord deal : sourced) {
            SandboxRecord registration = registrations.get((String) f(deal, "deal_reg_id"));
            if (registration == null) {
                continue; // the registration starts deleted
            }
            assertThat(f(deal, "deal_source")).isEqualTo("partner");
            assertThat(f(deal, "partner_id")).isEqualTo(f(registration, "Partner_Id__c"));
            SandboxRecord company = BY_ID.get("HUBSPOT/companies").get(DATA.associations("deals", deal.id(), "companies").get(0));
            if (company != null) {
                assertThat(f(registration, "Account_URL__c")).isEqualTo("https://" + f(company, "domain"));
            }
        }
    }

    @Test
    void dealsCloseAfterTheyOpenAndOnlyClosedOnesHaveAPastCloseDate() {
        LocalDate today = LocalDate.ofInstant(AS_OF, ZoneOffset.UTC);
        for (SandboxRecord o : generated(Crm.SALESFORCE, "Opportunity")) {
            LocalDate close = LocalDate.parse((String) f(o, "CloseDate"));
            assertThat(close).isAfterOrEqualTo(LocalDate.ofInstant(o.createdAt(), ZoneOffset.UTC));
            assertThat(close.isBefore(today)).as(o.id()).isEqualTo(f(o, "IsClosed"));
        }
    }

    @Test
    void theNewestApprovedRegistrationsGetFollowUpMeetingsOnTheirAccountAfterApproval() {
        Map<String, SandboxRecord> registrations = BY_ID.get("SALESFORCE/Deal_Registration__c");
        List<SandboxRecord> followUps = generated(Crm.SALESFORCE, "Event").stream()
                .filter(e -> "Deal registration follow-up".equals(f(e, "Subject"))).toList();
        assertThat(followUps).hasSizeGreaterThan(150);
        Map<Object, List<SandboxRecord>> byAccount = followUps.stream().collect(Collectors.groupingBy(e -> f(e, "AccountId")));
        long covered = registrations.values().stream().filter(r -> f(r, "Approved_At__c") != null
                && byAccount.getOrDefault(f(r, "Account__c"), List.of()).stream().anyMatch(e ->
                Objects.equals(f(e, "Partner_Id__c"), f(r, "Partner_Id__c"))
                        && salesforceTime(f(e, "ActivityDateTime")).isAfter(salesforceTime(f(r, "Approved_At__c"))))).count();
        assertThat(covered).isGreaterThan(50);
    }
}
