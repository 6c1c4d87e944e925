package com.partnersync.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.Cursor;
import com.partnersync.sandbox.RecordRef;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules and views on the sandbox's generated CRM data, loaded through the shipped mappings and the warehouse writer
 * (HubSpot associations added the way the HubSpot source adds them). Checks invariants, not hand-computed numbers.
 */
class SandboxRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // a third of the default volume keeps the test quick; the planted scenarios are kept at any scale
    private static final SandboxDataset DATASET = SandboxDataset.builder().scale(0.3).build();
    private static final JdbcTemplate jdbc = TestDatabase.jdbc();
    private static RulesService.Changes firstRun;

    @BeforeAll
    static void loadSandboxAndApplyRules() {
        TestDatabase.truncateAll();
        MappingSet mappings = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
        WarehouseWriter writer = new WarehouseWriter(TestDatabase.dataSource());
        long runId = jdbc.queryForObject("insert into sync_run (command) values ('sandbox-rules-test') returning id", Long.class);
        for (Crm crm : Crm.values()) {
            String source = crm.name().toLowerCase();
            for (String object : mappings.objects(source)) {
                if (!DATASET.objects(crm).contains(object)) {
                    continue;
                }
                Cursor after = null;
                for (List<SandboxRecord> page = DATASET.pageAfter(crm, object, null, null, null, 2000, true); !page.isEmpty();
                     page = DATASET.pageAfter(crm, object, after, null, null, 2000, true)) {
                    List<SourceRecord> records = page.stream().map(r -> sourceRecord(crm, source, object, r)).toList();
                    writer.commit(new PageCommit(runId, source, object, mappings.map(records), null));
                    after = page.get(page.size() - 1).cursor();
                }
            }
        }
        firstRun = RulesServiceTest.rulesAt(DATASET.asOf()).runAll();
    }

    private static SourceRecord sourceRecord(Crm crm, String source, String object, SandboxRecord r) {
        Map<String, Object> fields = new LinkedHashMap<>(r.fields());
        if (crm == Crm.HUBSPOT) {
            Map<String, Object> associations = new LinkedHashMap<>();
            for (String to : List.of("companies", "contacts", "deals")) {
                associations.put(to, DATASET.associations(object, r.id(), to));
            }
            fields.put("associations", associations);
        }
        try {
            return new SourceRecord(source, object, r.id(), r.modifiedAt(), r.deleted(), fields, JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSandboxLoadsRecordsTheRulesDecideOn() {
        assertThat(firstRun.attributions()).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from deal_registration where not deleted", Integer.class)).isPositive();
    }

    @Test
    void everyLiveOpportunityHasExactlyOneAttribution() {
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity o left join opportunity_attribution a on a.opportunity_id = o.id
                where not o.deleted and a.opportunity_id is null""", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity_attribution a join opportunity o on o.id = a.opportunity_id where o.deleted""",
                Integer.class)).isZero();
    }

    @Test
    void everyLiveRegistrationHasAStatusWithItsHistoryAndOnlyApprovedOnesAnAcceptanceText() {
        assertThat(jdbc.queryForObject("""
                select count(*) from deal_registration d where not deleted and (status is null or status_reason is null
                   or not exists (select 1 from deal_registration_status_history h
                                  where h.deal_registration_id = d.id and h.new_status = d.status))""", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from deal_registration where not deleted
                  and (status = 'APPROVED') <> (acceptance_text is not null)""", Integer.class)).isZero();
    }

    @Test
    void everyPartnerHasATierAndAQuadrant() {
        assertThat(jdbc.queryForObject("select count(*) from partner where not deleted and (tier is null or quadrant is null)",
                Integer.class)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v_partner_scorecard_quarterly", "v_cosell_pipeline_weekly", "v_program_health"})
    void theViewsReturnRowsOnSandboxData(String view) {
        assertThat(jdbc.queryForObject("select count(*) from " + view, Integer.class)).isPositive();
    }

    @Test
    void theScorecardsSourcedRevenueAddsUpToTheAttribution() {
        assertThat(jdbc.queryForObject("select coalesce(sum(sourced_revenue), 0) from v_partner_scorecard_quarterly",
                java.math.BigDecimal.class)).isEqualByComparingTo(jdbc.queryForObject("""
                select coalesce(sum(o.amount), 0) from opportunity_attribution a join opportunity o on o.id = a.opportunity_id
                where a.source = 'partner' and o.is_won and o.is_closed and o.close_date is not null""", java.math.BigDecimal.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "DR-S001 | APPROVED  | approval",
            "DR-S002 | APPROVED  | approval",
            "DR-S003 | INVALID   | missing required fields: account URL",
            "DR-S004 | INVALID   | missing required fields: buyer role",
            "DR-S005 | INVALID   | missing required fields: problem statement",
            "DR-S006 | INVALID   | missing required fields: next meeting date",
            "DR-S007 | INVALID   | missing required fields: account URL, buyer role, problem statement, next meeting date",
            "DR-S008 | EXPIRED   | validity window ended",
            "DR-S009 | EXPIRED   | no meeting logged on the account for 21 days after",
            "DR-S010 | APPROVED  | approval",
            "DR-S011 | CONFLICT  | registered by partner P-005",
            "DR-S012 | APPROVED  | approval",
            "DR-S013 | CONFLICT  | registered by partner P-006",
            "DR-S014 | REJECTED  | rejected in the CRM",
    })
    void plantedDealRegistrationScenariosGetTheirStatus(String dealRegId, String status, String reasonOrRule) {
        Map<String, Object> row = jdbc.queryForMap("""
                select d.status, d.status_reason, h.decided_by from deal_registration d
                join deal_registration_status_history h on h.deal_registration_id = d.id and h.new_status = d.status
                where d.deal_reg_id = ?""", dealRegId);
        assertThat(row.get("status")).isEqualTo(status);
        assertThat(row.get("status_reason") + " " + row.get("decided_by")).contains(reasonOrRule);
    }

    @ParameterizedTest(name = "conflict on {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "DR-S011 | DR-S010:P-005:first_touch:1",
            "DR-S013 | DR-S012:P-006:split:0.5 DR-S013:P-008:split:0.5",
    })
    void plantedConflictsCreditTheFirstPartnerOnlyWithEvidencedDiscovery(String conflicting, String expected) {
        assertThat(jdbc.queryForList("""
                select r.deal_reg_id || ':' || c.partner_id || ':' || c.rule || ':' || trim_scale(c.credit_share) as credit
                from deal_registration_credit c join deal_registration r on r.id = c.deal_registration_id
                join deal_registration x on x.id = c.conflict_registration_id
                where x.deal_reg_id = ? order by r.deal_reg_id""", String.class, conflicting))
                .containsExactly(expected.split(" "));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "attribution/direct                   | direct      |       | ",
            "attribution/partner-sourced          | partner     | P-002 | ",
            "attribution/paid                     | paid        |       | ",
            "attribution/marketplace-private-offer | marketplace | P-009 | ",
            "attribution/fraud-flagged            | excluded    |       | ",
            "attribution/influence                | direct      |       | P-004",
            "attribution/co-sell                  | direct      |       | P-005",
    })
    void plantedAttributionScenariosGetTheirSource(String scenario, String source, String partner, String influencer) {
        RecordRef ref = DATASET.scenarios().get(scenario).get(0);
        Map<String, Object> row = jdbc.queryForMap("""
                select a.source, a.partner_id, (select string_agg(i.partner_id, ',') from opportunity_influence i
                                               where i.opportunity_id = o.id) as influencers
                from opportunity o join opportunity_attribution a on a.opportunity_id = o.id
                where o.source_system = 'salesforce' and o.source_id = ?""", ref.id());
        assertThat(row.get("source")).isEqualTo(source);
        assertThat(row.get("partner_id")).isEqualTo(partner);
        if (influencer != null) {
            assertThat(row.get("influencers")).isEqualTo(influencer);
        }
    }

    @Test
    void reRunningOnTheSandboxChangesNothing() {
        assertThat(RulesServiceTest.rulesAt(DATASET.asOf()).runAll().total()).isZero();
    }
}
