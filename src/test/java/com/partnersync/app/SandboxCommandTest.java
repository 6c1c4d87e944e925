package com.partnersync.app;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.RecordRef;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sandbox} command end to end (the README's first command, minus the jar): one cycle against both simulated
 * CRMs must leave rows in every model table from each CRM that maps it, and every rule's outcome present.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxCommandTest {
    private static final JdbcTemplate jdbc = TestDatabase.jdbc();

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void runSandboxCommand() {
        TestDatabase.truncateAll();
        // the command's cycle runs while the context starts
        context = PartnerSyncApplication.application(Command.parse("sandbox"))
                .run("sandbox", "--spring.datasource.url=" + TestDatabase.jdbcUrl(), "--partner-sync.sandbox.scale=0.1");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void theCycleSucceeds() {
        assertThat(jdbc.queryForList("select status from sync_run order by id", String.class).get(0))
                .isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("select count(*) from sync_run_object where status <> 'SUCCEEDED'", Long.class))
                .isZero();
    }

    @ParameterizedTest(name = "{0} rows from {1}")
    @CsvSource({
            "partner, salesforce", "partner, hubspot",
            "account, salesforce", "account, hubspot",
            "opportunity, salesforce", "opportunity, hubspot",
            "activity, salesforce", "activity, hubspot",
            "lead, salesforce", "lead, hubspot",
            "deal_registration, salesforce"})
    void everyModelTableHasLiveRowsFromEachCrmThatMapsIt(String table, String sourceSystem) {
        long live = jdbc.queryForObject("select count(*) from " + table + " where source_system = ? and not deleted",
                Long.class, sourceSystem);
        assertThat(live).isPositive();
    }

    @Test
    @Order(Integer.MAX_VALUE) // runs a second cycle: last, so the others see the command's own cycle
    void recordsDeletedInTheCrmAreSoftDeletedByTheNextCycle() {
        // CRM object -> model table; one live record of each is deleted in the sandbox CRMs, then one more cycle runs
        Map<String, String> deleted = new LinkedHashMap<>();
        for (String[] objectAndTable : new String[][]{{"SALESFORCE", "Opportunity", "opportunity"},
                {"SALESFORCE", "Contact", "lead"}, {"HUBSPOT", "deals", "opportunity"}, {"HUBSPOT", "companies", "account"}}) {
            Crm crm = Crm.valueOf(objectAndTable[0]);
            String sourceSystem = crm.name().toLowerCase(Locale.ROOT);
            String table = objectAndTable[2];
            String id = jdbc.queryForObject("select min(source_id) from " + table + " where source_system = ?"
                    + " and not deleted and raw is not null", String.class, sourceSystem);
            context.getBean(SandboxServer.class).dataset().delete(crm, objectAndTable[1], id);
            deleted.put(table + " " + sourceSystem + " " + id, "select deleted from " + table
                    + " where source_system = '" + sourceSystem + "' and source_id = '" + id + "'");
        }

        context.getBean(SyncCycle.class).run("sync --once");

        deleted.forEach((row, query) -> assertThat(jdbc.queryForObject(query, Boolean.class)).as(row).isTrue());
    }

    @Test
    void everyObjectOfBothCrmsIsReadInFull() {
        SandboxDataset dataset = context.getBean(SandboxServer.class).dataset();
        Map<String, Long> read = new HashMap<>();
        jdbc.query("select source_system || '/' || object as o, read_count from sync_run_object where run_id = "
                + "(select min(id) from sync_run)", rs -> {
            read.put(rs.getString("o"), rs.getLong("read_count"));
        });
        for (Crm crm : Crm.values()) {
            for (String object : dataset.objects(crm)) {
                // deleted records count only for a source that reads them (Salesforce queryAll)
                assertThat(read.get(crm.sourceSystem() + "/" + object)).as(crm + " " + object + " read")
                        .isBetween(dataset.count(crm, object, false), dataset.count(crm, object, true));
            }
        }
    }

    @Test
    void plantedMalformedValuesLandInSyncErrorsNamingRecordAndField() {
        List<RecordRef> malformed = context.getBean(SandboxServer.class).dataset().scenarios().get("malformed-value");
        assertThat(malformed).isNotEmpty();
        for (RecordRef bad : malformed) {
            assertThat(jdbc.queryForObject("""
                            select count(*) from sync_error
                            where source_system = ? and record_id = ? and field is not null and message <> ''""",
                    Long.class, bad.crm().sourceSystem(), bad.id())).as(bad.toString()).isPositive();
        }
    }

    @Test
    void everyDealRegistrationOutcomeIsPresentWithHistory() {
        assertThat(jdbc.queryForList("select distinct status from deal_registration where not deleted", String.class))
                .contains("APPROVED", "INVALID", "EXPIRED", "CONFLICT");
        assertThat(jdbc.queryForObject("select count(*) from deal_registration_status_history", Long.class)).isPositive();
    }

    @Test
    void everyLiveOpportunityIsAttributedAndEverySourceOccurs() {
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity o where not o.deleted
                  and not exists (select 1 from opportunity_attribution a where a.opportunity_id = o.id)""", Long.class))
                .isZero();
        assertThat(jdbc.queryForList("select distinct source from opportunity_attribution", String.class))
                .contains("excluded", "marketplace", "partner", "paid", "direct");
    }

    @Test
    void partnersAreTieredAndDuplicateLeadsClustered() {
        assertThat(jdbc.queryForList("select distinct tier from partner where not deleted and tier is not null", String.class))
                .isNotEmpty();
        assertThat(jdbc.queryForObject("select count(*) from lead_duplicate_event", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("""
                select count(distinct source_system) from lead where duplicate_of_lead_id is not null""", Long.class))
                .as("duplicates found in both CRMs").isEqualTo(2L);
    }
}
