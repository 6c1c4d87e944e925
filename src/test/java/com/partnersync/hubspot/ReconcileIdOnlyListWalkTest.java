package com.partnersync.hubspot;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.mapping.MappedRow;
import com.partnersync.mapping.MappingResult;
import com.partnersync.sync.Reconcile;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.Reconciliation;
import com.partnersync.warehouse.SyncRuns;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcile --object deals} against WireMock HubSpot: the id-only list walk
 * ({@code GET /crm/v3/objects/deals?properties=hs_object_id}, 100 per page), GDPR-deleted deals soft-deleted as
 * purged, missing ones read by {@code POST /crm/v3/objects/deals/batch/read} and loaded with their associations.
 */
class ReconcileIdOnlyListWalkTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();

    private static String id(int i) {
        return String.valueOf(30_000_000_000L + i);
    }

    private static String idPage(int from, int to, String after) {
        String results = IntStream.range(from, to).mapToObj(i -> """
                {"id":"%s","properties":{"hs_object_id":"%s","hs_lastmodifieddate":"2026-11-02T10:00:00Z"},
                 "createdAt":"2026-11-02T10:00:00Z","updatedAt":"2026-11-02T10:00:00Z","archived":false}"""
                .formatted(id(i), id(i))).collect(Collectors.joining(","));
        return "{\"results\":[" + results + "]" + (after == null ? "" : ",\"paging\":{\"next\":{\"after\":\"" + after
                + "\",\"link\":\"https://api.hubapi.com/crm/v3/objects/deals?after=" + after + "\"}}") + "}";
    }

    @Test
    void gdprDeletedDealsArePurgedMissingOnesLoadedWithTheirCompany() {
        TestDatabase.truncateAll();
        // the warehouse: deals 0..147 and two that were GDPR-deleted in HubSpot since
        List<MappedRow> rows = IntStream.concat(IntStream.range(0, 148), IntStream.of(500, 501))
                .mapToObj(i -> new MappedRow("opportunity", "hubspot", id(i), T0, Map.of("name", "Deal " + i), "{}")).toList();
        new WarehouseWriter(TestDatabase.dataSource()).commit(new PageCommit(0, "hubspot", "deals",
                new MappingResult(rows, List.of(), List.of()), null));
        try (HubSpotTestRig rig = HubSpotTestRig.withStubs()) {
            // HubSpot: deals 0..149, two pages of ids
            rig.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("properties", equalTo("hs_object_id"))
                    .withQueryParam("archived", equalTo("false")).atPriority(2).willReturn(okJson(idPage(0, 100, id(100)))));
            rig.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("properties", equalTo("hs_object_id"))
                    .withQueryParam("after", equalTo(id(100))).atPriority(1).willReturn(okJson(idPage(100, 150, null))));
            rig.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/batch/read"))
                    .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"" + id(148) + "\"},{\"id\":\"" + id(149) + "\"}]}", true, true))
                    .willReturn(okJson("""
                            {"status":"COMPLETE","results":[
                              {"id":"%1$s","properties":{"dealname":"Found again","dealstage":"closedwon","amount":"100",
                               "hs_lastmodifieddate":"2026-11-03T10:00:00Z","hs_object_id":"%1$s"},
                               "createdAt":"2026-11-01T10:00:00Z","updatedAt":"2026-11-03T10:00:00Z","archived":false},
                              {"id":"%2$s","properties":{"dealname":"Also lost","dealstage":"appointmentscheduled",
                               "hs_lastmodifieddate":"2026-11-03T11:00:00Z","hs_object_id":"%2$s"},
                               "createdAt":"2026-11-01T10:00:00Z","updatedAt":"2026-11-03T11:00:00Z","archived":false}],
                             "startedAt":"2026-12-07T12:00:00.101Z","completedAt":"2026-12-07T12:00:00.164Z"}"""
                            .formatted(id(148), id(149)))));
            rig.server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/companies/batch/read")).willReturn(okJson("""
                    {"status":"COMPLETE","results":[{"from":{"id":"%s"},"to":[{"toObjectId":5001,
                     "associationTypes":[{"category":"HUBSPOT_DEFINED","typeId":5,"label":"Primary"}]}]}],
                     "startedAt":"2026-12-07T12:00:00.101Z","completedAt":"2026-12-07T12:00:00.164Z"}""".formatted(id(148)))));
            rig.server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/contacts/batch/read")).willReturn(okJson(
                    "{\"status\":\"COMPLETE\",\"results\":[],\"startedAt\":\"2026-12-07T12:00:00.101Z\"}")));
            Reconcile reconcile = new Reconcile(List.of(new HubSpotReconciler(rig.reader, rig.objectSync, HubSpotTestRig.MAPPINGS,
                    new Reconciliation(TestDatabase.dataSource()), rig.properties, Clock.fixed(NOW, ZoneOffset.UTC))),
                    new SyncRuns(TestDatabase.dataSource()));

            Reconcile.Report report = reconcile.run("deals");

            assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
            // ⌈150/100⌉ id pages + ⌈2/100⌉ batch read + one association read per associated type
            assertThat(report.render()).contains(
                    "hubspot    deals                  SUCCEEDED        150            150        2        2        4         5");
            assertThat(jdbc.queryForList("select source_id || ' ' || deleted_reason from opportunity"
                    + " where deleted and deleted_at = ? order by source_id", String.class, Timestamp.from(NOW)))
                    .containsExactly(id(500) + " purged", id(501) + " purged");
            assertThat(jdbc.queryForMap("select name, account_source_id, is_won from opportunity where source_id = ?", id(148)))
                    .containsEntry("name", "Found again").containsEntry("account_source_id", "5001").containsEntry("is_won", true);
            assertThat(jdbc.queryForObject("select count(*) from opportunity where not deleted", Integer.class)).isEqualTo(150);
            assertThat(jdbc.queryForMap("select crm_live, warehouse_live, missing, extra, fixed from sync_run_object"
                    + " where run_id = ?", report.runId())).isEqualTo(Map.of("crm_live", 150, "warehouse_live", 150,
                    "missing", 2, "extra", 2, "fixed", 4));
        }
    }
}
