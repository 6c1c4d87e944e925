package com.partnersync.salesforce;

import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.warehouse.RunStatus;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.sync.Reconcile;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.Reconciliation;
import com.partnersync.warehouse.SyncRuns;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcile --object Account} against a WireMock org: {@code GET /sobjects/Account/deleted/} (the delete log)
 * and {@code SELECT Id FROM Account} by query in pages of 2,000; purged rows soft-deleted with their reason and time,
 * missing records read by id and loaded, the table printed and stored, and no call beyond the stated minimum.
 */
class ReconcileGetDeletedAndIdQueryTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final List<String> FIELDS = MAPPINGS.sourceFields("salesforce", "Account");
    private static final String PURGED_RECENTLY = SalesforceFake.accountId(900_001);
    private static final String PURGED_LONG_AGO = SalesforceFake.accountId(900_002);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    @RegisterExtension
    final SalesforceFake org = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    private static ObjectNode account(int i) {
        return SalesforceFake.account(SalesforceFake.accountId(i), T0.plusSeconds(i), "Account " + i, false);
    }

    @Test
    void purgedRowsAreSoftDeletedMissingOnesLoadedAndTheTableIsRight() {
        // the warehouse as an earlier sync left it: accounts 0..1999 and two the org has since purged
        List<ObjectNode> synced = new ArrayList<>(IntStream.range(0, 2000).mapToObj(ReconcileGetDeletedAndIdQueryTest::account).toList());
        synced.add(SalesforceFake.account(PURGED_RECENTLY, T0, "Purged last week", false));
        synced.add(SalesforceFake.account(PURGED_LONG_AGO, T0, "Purged last year", false));
        SalesforceProperties properties = org.properties();
        org.stubQueryAll(Soql.incremental("Account", FIELDS, null, true), synced);
        SalesforceClient client = salesforce.open(properties);
        new SalesforceSync(client, MAPPINGS, new WarehouseWriter(TestDatabase.dataSource()),
                new CheckpointStore(TestDatabase.dataSource()), properties).sync("Account", 0);
        // the org now: 0..2009 live (2000..2009 created while a broken run lost them), the two purged
        List<ObjectNode> ids = IntStream.range(0, 2010).mapToObj(i -> {
            ObjectNode record = JSON.createObjectNode();
            record.putObject("attributes").put("type", "Account");
            record.put("Id", SalesforceFake.accountId(i));
            return record;
        }).toList();
        org.stubQuery("SELECT Id FROM Account", ids);
        List<String> missing = IntStream.range(2000, 2010).mapToObj(SalesforceFake::accountId).toList();
        org.stubQuery(Soql.byIds("Account", FIELDS, missing), IntStream.range(2000, 2010)
                .mapToObj(ReconcileGetDeletedAndIdQueryTest::account).toList());
        org.server.stubFor(get(urlPathEqualTo("/services/data/v62.0/sobjects/Account/deleted/"))
                .withQueryParam("start", equalTo("2026-11-22T12:00:00+00:00")).withQueryParam("end", equalTo("2026-12-07T12:00:00+00:00"))
                .willReturn(SalesforceFake.json(200, """
                        {"deletedRecords":[{"id":"%s","deletedDate":"2026-12-01T09:30:00.000+0000"}],
                         "earliestDateAvailable":"2026-11-22T12:00:00.000+0000","latestDateCovered":"2026-12-07T12:00:00.000+0000"}"""
                        .formatted(PURGED_RECENTLY))));
        long callsBefore = client.apiCalls();
        SyncRuns runs = new SyncRuns(TestDatabase.dataSource());
        Reconcile reconcile = new Reconcile(List.of(new SalesforceReconciler(client, SalesforceConfig.objectSync(client,
                MAPPINGS, new WarehouseWriter(TestDatabase.dataSource()), new CheckpointStore(TestDatabase.dataSource()),
                properties), MAPPINGS, new Reconciliation(TestDatabase.dataSource()), Clock.fixed(NOW, ZoneOffset.UTC))), runs);

        Reconcile.Report report = reconcile.run("Account");

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.render()).contains(
                "salesforce Account                SUCCEEDED       2010           2002       10        2       12         4");
        // the stated minimum: getDeleted, ⌈2010/2000⌉ id pages, ⌈10/200⌉ reads by id
        assertThat(client.apiCalls() - callsBefore).isEqualTo(1 + 2 + 1);
        org.server.verify(1, getRequestedFor(urlPathEqualTo("/services/data/v62.0/sobjects/Account/deleted/")));
        assertThat(jdbc.queryForMap("select deleted, deleted_reason, deleted_at from account where source_id = ?", PURGED_RECENTLY))
                .containsEntry("deleted", true).containsEntry("deleted_reason", "purged")
                .containsEntry("deleted_at", Timestamp.from(Instant.parse("2026-12-01T09:30:00Z")));
        assertThat(jdbc.queryForMap("select deleted_reason, deleted_at from account where source_id = ?", PURGED_LONG_AGO))
                .containsEntry("deleted_reason", "purged").containsEntry("deleted_at", Timestamp.from(NOW));
        assertThat(jdbc.queryForObject("select count(*) from account where not deleted", Integer.class)).isEqualTo(2010);
        assertThat(jdbc.queryForObject("select name from account where source_id = ?", String.class,
                SalesforceFake.accountId(2005))).isEqualTo("Account 2005");
        Map<String, Object> stored = jdbc.queryForMap("""
                select status, crm_live, warehouse_live, missing, extra, fixed, api_calls from sync_run_object
                where run_id = ? and object = 'Account'""", report.runId());
        assertThat(stored).containsEntry("status", "SUCCEEDED").containsEntry("crm_live", 2010)
                .containsEntry("warehouse_live", 2002).containsEntry("missing", 10).containsEntry("extra", 2)
                .containsEntry("fixed", 12).containsEntry("api_calls", 4);

        Reconcile.Report again = reconcile.run(null);

        assertThat(again.render()).contains(
                "salesforce Account                SUCCEEDED       2010           2010        0        0        0         3");
    }
}
