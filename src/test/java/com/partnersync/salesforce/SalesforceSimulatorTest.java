package com.partnersync.salesforce;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.sandbox.salesforce.SalesforceSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.Cursor;
import com.partnersync.sandbox.RecordRef;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox Salesforce org end to end: the connector's sync and write-back calls against {@link SalesforceSimulator}. */
class SalesforceSimulatorTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private SandboxDataset dataset;
    private SandboxServer sandbox;

    @BeforeEach
    void start() {
        TestDatabase.truncateAll();
        dataset = SandboxDataset.builder().scale(0.3)
                .clock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)).build();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** The client's settings for the sandbox org; {@code overrides} as for TestSettings.bind. */
    private SalesforceProperties properties(int faultEvery, Object... overrides) {
        sandbox = SandboxServer.start(dataset, List.of(new SalesforceSimulator(faultEvery)), 0);
        List<Object> settings = new ArrayList<>(List.of("initial-backoff", "1ms", "bulk-poll-interval", "1ms",
                "look-back", "0s"));
        settings.addAll(List.of(overrides));
        return SandboxOrgProperties.of(sandbox.baseUrl(), settings.toArray());
    }

    private SalesforceSync objectSync(SalesforceClient client, SalesforceProperties properties) {
        return new SalesforceSync(client, MAPPINGS, new WarehouseWriter(TestDatabase.dataSource()),
                new CheckpointStore(TestDatabase.dataSource()), properties);
    }

    private List<SandboxRecord> sourceRecords(String object, boolean includeDeleted) {
        List<SandboxRecord> all = new ArrayList<>();
        Cursor after = null;
        List<SandboxRecord> page;
        do {
            page = dataset.pageAfter(Crm.SALESFORCE, object, after, null, null, 5000, includeDeleted);
            all.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1).cursor();
        } while (page.size() == 5000);
        return all;
    }

    /** Every live Opportunity equals its warehouse row on the fields copied as is (errors excepted). */
    private void assertOpportunitiesEqualTheSandbox() {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        jdbc.queryForList("select source_id, name, stage, amount, is_won, deleted from opportunity")
                .forEach(r -> rows.put((String) r.get("source_id"), r));
        List<String> failed = jdbc.queryForList("select record_id from sync_error where object = 'Opportunity'", String.class);
        int compared = 0;
        for (SandboxRecord record : sourceRecords("Opportunity", false)) {
            if (failed.contains(record.id())) {
                continue;
            }
            Map<String, Object> row = rows.get(record.id());
            assertThat(row).as("warehouse row of %s", record.id()).isNotNull();
            assertThat(row.get("name")).isEqualTo(record.fields().get("Name"));
            assertThat(row.get("stage")).isEqualTo(record.fields().get("StageName"));
            assertThat(row.get("is_won")).isEqualTo(record.fields().get("IsWon"));
            assertThat(row.get("deleted")).isEqualTo(false);
            Object amount = record.fields().get("Amount");
            if (amount != null) {
                assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo(new BigDecimal(amount.toString()));
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void fullThenIncrementalSyncLeavesTheWarehouseEqualToTheSandbox() {
        SalesforceProperties properties = properties(0);
        SalesforceClient client = salesforce.open(properties);
        SalesforceSync sync = objectSync(client, properties);

        for (String object : MAPPINGS.objects("salesforce")) {
            ObjectSummary summary = sync.sync(object, 0);
            assertThat(summary.status()).as(object).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(summary.read()).as(object).isEqualTo(dataset.count(Crm.SALESFORCE, object, true));
        }
        assertOpportunitiesEqualTheSandbox();
        assertThat(jdbc.queryForObject("select count(*) from account where not deleted", Long.class))
                .isEqualTo(dataset.count(Crm.SALESFORCE, "Account", false)
                        - jdbc.queryForObject("select count(distinct record_id) from sync_error where object = 'Account'", Long.class));

        List<SandboxRecord> live = sourceRecords("Opportunity", false);
        dataset.update(Crm.SALESFORCE, "Opportunity", live.get(0).id(), Map.of("StageName", "Closed Won", "Amount", 123456.5));
        dataset.delete(Crm.SALESFORCE, "Opportunity", live.get(1).id());
        ObjectSummary incremental = sync.sync("Opportunity", 0);

        assertThat(incremental.read()).isEqualTo(2);
        assertThat(incremental.updated()).isEqualTo(1);
        assertThat(incremental.deleted()).isEqualTo(1);
        assertOpportunitiesEqualTheSandbox();
        assertThat(sync.sync("Opportunity", 0).read()).isZero();
    }

    @Test
    void aBacklogAboveTheBulkThresholdLoadsThroughABulkQueryJob() {
        // the smallest page Salesforce serves, so this small org spans several pages
        SalesforceProperties properties = properties(0, "batch-size", 200, "bulk-threshold", 300);
        SalesforceClient client = salesforce.open(properties);

        ObjectSummary summary = objectSync(client, properties).sync("Opportunity", 0);

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.read()).isEqualTo(dataset.count(Crm.SALESFORCE, "Opportunity", true));
        assertThat(sandbox.wireMock().getAllServeEvents()).anyMatch(e -> e.getRequest().getUrl().contains("/jobs/query/"));
        assertOpportunitiesEqualTheSandbox();
    }

    @Test
    void injected503AndRequestLimitExceededAreRetriedAndEveryRecordStillArrivesOnce() {
        SalesforceProperties properties = properties(2, "batch-size", 200);
        SalesforceClient client = salesforce.open(properties);

        ObjectSummary summary = objectSync(client, properties).sync("Opportunity", 0);

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.apiCalls()).isGreaterThan((summary.read() + 199) / 200); // the retries are calls too
        assertOpportunitiesEqualTheSandbox();
    }

    @Test
    void sObjectCollectionsUpdateAppliesChangesAndReportsPlantedWriteFailuresPerRecord() {
        SalesforceClient client = salesforce.open(properties(0));
        RecordRef failing = dataset.scenarios().values().stream().flatMap(List::stream)
                .filter(r -> r.crm() == Crm.SALESFORCE && dataset.writeFailure(r.crm(), r.object(), r.id()).isPresent())
                .findFirst().orElseThrow();
        String writable = sourceRecords(failing.object(), false).stream().map(SandboxRecord::id)
                .filter(id -> dataset.writeFailure(Crm.SALESFORCE, failing.object(), id).isEmpty()).findFirst().orElseThrow();

        JsonNode results = client.call("PATCH", "/composite/sobjects", Map.of("allOrNone", false, "records", List.of(
                Map.of("attributes", Map.of("type", failing.object()), "id", writable, "Description", "written back"),
                Map.of("attributes", Map.of("type", failing.object()), "id", failing.id(), "Description", "refused"))));

        assertThat(results.get(0).path("success").asBoolean()).isTrue();
        assertThat(dataset.record(Crm.SALESFORCE, failing.object(), writable).orElseThrow().fields().get("Description"))
                .isEqualTo("written back");
        assertThat(results.get(1).path("id").asText()).isEqualTo(failing.id());
        assertThat(results.get(1).path("success").asBoolean()).isFalse();
        assertThat(results.get(1).path("errors").get(0).path("statusCode").asText())
                .isEqualTo(dataset.writeFailure(Crm.SALESFORCE, failing.object(), failing.id()).orElseThrow().errorCode());
    }
}
