package com.partnersync.salesforce;

import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.testsupport.SalesforceClients;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** The incremental sync of one object through {@code GET /services/data/vNN.N/queryAll} and its nextRecordsUrl pages. */
class QueryAllEndpointTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final List<String> FIELDS = MAPPINGS.sourceFields("salesforce", "Account");
    private static final String FIRST_QUERY = Soql.incremental("Account", FIELDS, null, true);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.dataSource());
    @RegisterExtension
    final SalesforceFake org = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    private ObjectSummary sync(WarehouseWriter writer) {
        SalesforceProperties properties = org.properties();
        return new SalesforceSync(salesforce.open(properties), MAPPINGS, writer,
                checkpoints, properties).sync("Account", 0);
    }

    private ObjectSummary sync() {
        return sync(new WarehouseWriter(TestDatabase.dataSource()));
    }

    private static List<ObjectNode> accounts(int count, boolean sameTimestamp) {
        return IntStream.range(0, count).mapToObj(i -> SalesforceFake.account(SalesforceFake.accountId(i),
                sameTimestamp ? T0 : T0.plusSeconds(i), "Account " + i, false)).toList();
    }

    /** The resume query; its exact text is pinned by {@link SoqlTest}. */
    private static String after(Instant t, String id) {
        return Soql.incremental("Account", FIELDS, new Checkpoint(t, id), true);
    }

    private long rows() {
        return jdbc.queryForObject("select count(*) from account", Long.class);
    }

    /** Fails like a killed process right after {@code pages} pages were committed. */
    private static WarehouseWriter crashingAfter(int pages) {
        return new WarehouseWriter(TestDatabase.dataSource()) {
            private int committed;

            @Override
            public PageCounts commit(PageCommit page) {
                if (committed == pages) {
                    throw new IllegalStateException("injected crash after " + pages + " pages");
                }
                committed++;
                return super.commit(page);
            }
        };
    }

    @Test
    void pagesThroughNextRecordsUrlAndCheckpointsTheLastRecord() {
        org.stubQueryAll(FIRST_QUERY, accounts(4500, false));

        ObjectSummary summary = sync();

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.read()).isEqualTo(4500);
        assertThat(summary.inserted()).isEqualTo(4500);
        assertThat(rows()).isEqualTo(4500);
        org.server.verify(2, getRequestedFor(urlPathMatching("/services/data/v62.0/query/01g.*")));
        assertThat(summary.apiCalls()).isEqualTo(3); // ⌈4500/2000⌉ query calls (the login is no API request)
        assertThat(checkpoints.load("salesforce", "Account"))
                .contains(new Checkpoint(T0.plusSeconds(4499), SalesforceFake.accountId(4499)));
        org.server.verify(getRequestedFor(urlPathMatching("/services/data/v62.0/queryAll/?"))
                .withHeader("Sforce-Query-Options", equalTo("batchSize=2000")));
    }

    @Test
    void recordsSharingOneSystemModstampAcrossAPageBoundaryAreLoadedExactlyOnce() {
        List<ObjectNode> burst = accounts(2500, true);
        org.stubQueryAll(FIRST_QUERY, burst);
        String lastOfFirstPage = SalesforceFake.accountId(1999);
        org.stubQueryAll(after(T0, lastOfFirstPage), burst.subList(2000, 2500));
        org.stubQueryAllSinceReadThrough("Account", FIELDS, List.of());
        org.clock.set(T0.plusSeconds(60));

        assertThat(sync(crashingAfter(1)).status()).isEqualTo(RunStatus.FAILED);
        assertThat(checkpoints.load("salesforce", "Account")).contains(new Checkpoint(T0, lastOfFirstPage));
        ObjectSummary resumed = sync();
        ObjectSummary nothingNew = sync();

        assertThat(resumed.read()).isEqualTo(500);
        assertThat(resumed.inserted()).isEqualTo(500);
        // the interrupted read proved nothing: it resumed at the key; the complete one moved the next read past the burst
        assertThat(org.lastQueriedSince()).isBetween(T0.plusSeconds(50), T0.plusSeconds(60));
        assertThat(nothingNew.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(nothingNew.read()).isZero();
        assertThat(jdbc.queryForObject("select count(distinct source_id) from account", Long.class)).isEqualTo(2500);
        assertThat(rows()).isEqualTo(2500);
    }

    @Test
    void crashAfterACommittedPageReplaysNothingAndEndsWithExactlyTheSourceRows() {
        List<ObjectNode> source = accounts(5000, false);
        org.stubQueryAll(FIRST_QUERY, source);
        org.stubQueryAll(after(T0.plusSeconds(3999), SalesforceFake.accountId(3999)), source.subList(4000, 5000));

        ObjectSummary crashed = sync(crashingAfter(2));
        ObjectSummary rerun = sync();

        assertThat(crashed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(crashed.inserted()).isEqualTo(4000);
        assertThat(rerun.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rerun.read()).isEqualTo(1000);
        List<Map<String, Object>> warehouse = jdbc.queryForList(
                "select source_id, name, website, source_modified_at from account order by source_id");
        assertThat(warehouse).hasSize(5000);
        for (int i = 0; i < source.size(); i++) {
            assertThat(warehouse.get(i).get("source_id")).isEqualTo(source.get(i).get("Id").asText());
            assertThat(warehouse.get(i).get("name")).isEqualTo(source.get(i).get("Name").asText());
            assertThat(warehouse.get(i).get("website")).isEqualTo(source.get(i).get("Website").asText());
        }
    }

    /**
     * After a complete read the next one starts at its read-through time: the previous read's start by the org's
     * clock (the Date header, here T0+30s), less the round trip it cannot see inside, less the look-back (0 here).
     */
    @Test
    void anUpdateAfterTheCheckpointIsPickedUpByReadingFromTheReadThroughTime() {
        List<ObjectNode> source = new ArrayList<>(accounts(3, false));
        org.stubQueryAll(FIRST_QUERY, source);
        org.clock.set(T0.plusSeconds(30));
        sync();
        ObjectNode renamed = SalesforceFake.account(SalesforceFake.accountId(0), T0.plusSeconds(60), "Renamed Corp", false);
        org.stubQueryAllSinceReadThrough("Account", FIELDS, List.of(renamed));
        org.clock.set(T0.plusSeconds(90));

        ObjectSummary summary = sync();

        assertThat(org.lastQueriedSince()).isBetween(T0.plusSeconds(20), T0.plusSeconds(30));
        assertThat(summary.updated()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select name from account where source_id = ?", String.class,
                SalesforceFake.accountId(0))).isEqualTo("Renamed Corp");
        assertThat(rows()).isEqualTo(3);
        assertThat(checkpoints.load("salesforce", "Account"))
                .contains(new Checkpoint(T0.plusSeconds(60), SalesforceFake.accountId(0)));
    }

    /**
     * The look-back (60 s) re-reads the window before the read-through time once, changing no row; the run after it
     * starts past that window, so the same records are not read a third time.
     */
    @Test
    void theLookBackRereadsOneWindowOnceWithoutChangingAnyRow() {
        List<ObjectNode> source = accounts(3, false);
        SalesforceProperties properties = org.properties("look-back", "60s");
        SalesforceSync sync = new SalesforceSync(salesforce.open(properties), MAPPINGS,
                new WarehouseWriter(TestDatabase.dataSource()), checkpoints, properties);
        org.stubQueryAll(FIRST_QUERY, source);
        org.clock.set(T0.plusSeconds(30));
        sync.sync("Account", 0);
        org.stubQueryAllSinceReadThrough("Account", FIELDS, source);
        org.clock.set(T0.plusSeconds(600));

        ObjectSummary overlap = sync.sync("Account", 0);
        Instant overlapFrom = org.lastQueriedSince();
        org.stubQueryAllSinceReadThrough("Account", FIELDS, List.of());
        ObjectSummary idle = sync.sync("Account", 0);

        // from T0+30s less the look-back (not from the newest record T0+2s less the look-back)
        assertThat(overlapFrom).isBetween(T0.minusSeconds(40), T0.minusSeconds(30));
        assertThat(overlap.read()).isEqualTo(3);
        assertThat(overlap.inserted() + overlap.updated()).isZero();
        assertThat(org.lastQueriedSince()).isBetween(T0.plusSeconds(530), T0.plusSeconds(540));
        assertThat(idle.read()).isZero();
        assertThat(idle.apiCalls()).isEqualTo(1); // the one query (the session is still valid)
        assertThat(checkpoints.load("salesforce", "Account"))
                .contains(new Checkpoint(T0.plusSeconds(2), SalesforceFake.accountId(2)));
    }

    @Test
    void aDeletedRecordIsSoftDeletedAndCounted() {
        org.stubQueryAll(FIRST_QUERY, accounts(2, false));
        org.clock.set(T0.plusSeconds(20));
        sync();
        ObjectNode deleted = SalesforceFake.account(SalesforceFake.accountId(1), T0.plusSeconds(30), "Account 1", true);
        org.stubQueryAllSinceReadThrough("Account", FIELDS, List.of(deleted));
        org.clock.set(T0.plusSeconds(40));

        ObjectSummary summary = sync();

        assertThat(summary.deleted()).isEqualTo(1);
        assertThat(jdbc.queryForList("select source_id from account where deleted", String.class))
                .containsExactly(SalesforceFake.accountId(1));
    }

    @Test
    void aRecordWithAnUnreadableSystemModstampGoesToSyncErrorAndTheRestOfThePageLoads() {
        List<ObjectNode> page = new ArrayList<>(accounts(3, false));
        page.get(1).put("SystemModstamp", "yesterday");
        org.stubQueryAll(FIRST_QUERY, page);

        ObjectSummary summary = sync();

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(rows()).isEqualTo(2);
        assertThat(jdbc.queryForMap("select object, record_id, field, message from sync_error"))
                .containsEntry("object", "Account")
                .containsEntry("record_id", SalesforceFake.accountId(1))
                .containsEntry("field", "SystemModstamp")
                .containsEntry("message", "not a Salesforce datetime: 'yesterday'");
    }

    @Test
    void aRecordWithAFieldTheMappingCannotCoerceGoesToSyncErrorAndTheRestOfThePageLoads() {
        List<ObjectNode> page = new ArrayList<>(accounts(3, false));
        page.get(2).put("AnnualRevenue", "about a million");
        org.stubQueryAll(FIRST_QUERY, page);

        ObjectSummary summary = sync();

        assertThat(summary.errors()).isEqualTo(1);
        assertThat(jdbc.queryForList("select source_id from account order by source_id", String.class))
                .containsExactly(SalesforceFake.accountId(0), SalesforceFake.accountId(1));
        assertThat(jdbc.queryForMap("select record_id, field, raw->>'AnnualRevenue' as value from sync_error"))
                .containsEntry("record_id", SalesforceFake.accountId(2))
                .containsEntry("field", "AnnualRevenue -> annual_revenue")
                .containsEntry("value", "about a million");
    }

    @ParameterizedTest(name = "{0} {1} is retried")
    @CsvSource(delimiter = '|', value = {
            "503 | [{\"message\":\"Service Unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]",
            "403 | [{\"message\":\"ConcurrentPerOrgLongTxn Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]",
            "500 | [{\"message\":\"An unexpected error occurred.\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]"})
    void transientFailuresAreRetriedWithBackoff(int status, String body) {
        org.stubQueryAll(FIRST_QUERY, accounts(3, false));
        org.answer(get(urlPathMatching("/services/data/v62.0/queryAll/?")), SalesforceFake.json(status, body), 1);

        ObjectSummary summary = sync();

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rows()).isEqualTo(3);
        org.server.verify(2, getRequestedFor(urlPathMatching("/services/data/v62.0/queryAll/?")));
    }

    @Test
    void aFailureThatOutlastsTheRetriesFailsTheObjectWithTheCrmError() {
        org.answer(get(anyUrl()), SalesforceFake.error(503, "SERVER_UNAVAILABLE", "Service Unavailable"));

        ObjectSummary summary = sync();

        assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
        assertThat(summary.message()).contains("503").contains("SERVER_UNAVAILABLE");
        org.server.verify(5, getRequestedFor(urlPathMatching("/services/data/v62.0/queryAll/?")));
    }

    @Test
    void anExpiredSessionLogsInOnceAgainAndRetriesTheCall() {
        org.stubQueryAll(FIRST_QUERY, accounts(3, false));
        org.answer(get(urlPathMatching("/services/data/v62.0/queryAll/?")),
                SalesforceFake.error(401, "INVALID_SESSION_ID", "Session expired or invalid"), 1);

        ObjectSummary summary = sync();

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rows()).isEqualTo(3);
        org.server.verify(2, postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
    }

    @Test
    void reachingTheApiBudgetShareStopsWithPausedLimitAndKeepsTheCheckpoint() {
        // Every response reports 13,600 of 15,000 daily requests used: past the default 90% share.
        org.stubQueryAll(FIRST_QUERY, accounts(4500, false), 13_600);

        ObjectSummary summary = sync();

        assertThat(summary.status()).isEqualTo(RunStatus.PAUSED_LIMIT);
        assertThat(summary.message()).contains("13600/15000");
        assertThat(rows()).isEqualTo(2000);
        assertThat(checkpoints.load("salesforce", "Account"))
                .contains(new Checkpoint(T0.plusSeconds(1999), SalesforceFake.accountId(1999)));
    }
}
