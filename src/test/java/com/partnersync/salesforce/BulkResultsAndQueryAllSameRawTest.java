package com.partnersync.salesforce;

import com.partnersync.testsupport.SalesforceFake;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One canonical {@code raw}: the same four Opportunities served as a Bulk API 2.0 CSV result
 * ({@code bulk-query-results-Opportunity.csv}: text cells, {@code "330018.97"}, {@code "true"}, empty cells, Z datetimes,
 * no attributes) and as a REST queryAll page ({@code queryAll-Opportunity-page.json}: numbers, booleans, nulls,
 * +0000 datetimes, attributes) store the same JSON, the CSV typed by the object's sObject Describe
 * ({@code sobjects-Opportunity-describe.json}, written in the documented Describe shape: no recording was available).
 * So a REST re-read of rows a Bulk load wrote changes none of them.
 */
class BulkResultsAndQueryAllSameRawTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final List<String> FIELDS = MAPPINGS.sourceFields("salesforce", "Opportunity");
    private static final String DATA = "/services/data/v" + SalesforceFake.VERSION;
    private static final String JOB_ID = "7507Q000009f8jvQAA"; // the id in the recorded job fixtures

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    @RegisterExtension
    final SalesforceFake org = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    private static List<ObjectNode> restRecords() throws IOException {
        List<ObjectNode> records = new ArrayList<>();
        JSON.readTree(SalesforceFake.fixture("queryAll-Opportunity-page.json")).path("records").forEach(r -> records.add((ObjectNode) r));
        return records;
    }

    /** The first REST page says more is pending than the bulk threshold; the rest comes as one Bulk API 2.0 job. */
    private void stubBulkLoad(List<ObjectNode> rest) {
        ObjectNode firstPage = JSON.createObjectNode().put("totalSize", 4).put("done", false)
                .put("nextRecordsUrl", DATA + "/query/01gB000003OCxIAA1-1");
        firstPage.putArray("records").add(rest.get(0));
        org.server.stubFor(get(urlPathMatching(DATA + "/queryAll/?"))
                .withQueryParam("q", equalTo(Soql.incremental("Opportunity", FIELDS, null, true)))
                .willReturn(SalesforceFake.json(200, firstPage.toString())));
        org.server.stubFor(post(urlPathEqualTo(DATA + "/jobs/query"))
                .willReturn(SalesforceFake.json(200, SalesforceFake.recordedBody("bulk-query-create.json"))));
        org.server.stubFor(get(urlPathEqualTo(DATA + "/jobs/query/" + JOB_ID))
                .willReturn(SalesforceFake.json(200, SalesforceFake.recordedBody("bulk-query-get-info.json")
                        .replace("\"numberRecordsProcessed\":13", "\"numberRecordsProcessed\":4"))));
        org.server.stubFor(get(urlPathEqualTo(DATA + "/jobs/query/" + JOB_ID + "/results"))
                .willReturn(aResponse().withHeader("Content-Type", "text/csv").withHeader("Sforce-Locator", "null")
                        .withHeader("Sforce-NumberOfRecords", "4").withBody(SalesforceFake.fixture("bulk-query-results-Opportunity.csv"))));
    }

    private ObjectSummary sync(SalesforceSync sync) {
        ObjectSummary summary = sync.sync("Opportunity", 0);
        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        return summary;
    }

    @Test
    void aBulkLoadStoresTheRestJsonAndARestReReadUpdatesNothing() throws IOException {
        List<ObjectNode> rest = restRecords();
        assertThat(SalesforceFake.fixture("bulk-query-results-Opportunity.csv").lines().findFirst().orElseThrow())
                .as("the fixture's columns are the query's").isEqualTo(String.join(",",
                        Soql.selectList(FIELDS).stream().map(c -> '"' + c + '"').toList()));
        stubBulkLoad(rest);
        org.stubQueryAllSinceReadThrough("Opportunity", FIELDS, rest);
        SalesforceProperties properties = org.properties("bulk-threshold", 1);
        SalesforceSync sync = new SalesforceSync(salesforce.open(properties), MAPPINGS, new WarehouseWriter(TestDatabase.dataSource()),
                new CheckpointStore(TestDatabase.dataSource()), properties);
        org.clock.set(Instant.parse("2026-01-05T11:00:00Z"));

        ObjectSummary bulkLoad = sync(sync);
        List<String> rawAfterBulk = jdbc.queryForList("select raw::text from opportunity order by source_id", String.class);
        org.clock.set(Instant.parse("2026-01-05T12:00:00Z"));
        ObjectSummary restReRead = sync(sync);

        assertThat(bulkLoad.inserted()).isEqualTo(4);
        // the first record came on the REST page and again in the Bulk result: the same raw, so not an update
        assertThat(bulkLoad.updated()).isZero();
        org.server.verify(1, getRequestedFor(urlPathEqualTo(DATA + "/jobs/query/" + JOB_ID + "/results")));
        org.server.verify(1, getRequestedFor(urlPathEqualTo(DATA + "/sobjects/Opportunity/describe")));
        // each Bulk-loaded row holds the REST record without its attributes, value for value and type for type
        for (ObjectNode record : rest) {
            JsonNode stored = JSON.readTree(jdbc.queryForObject("select raw::text from opportunity where source_id = ?",
                    String.class, record.path("Id").asText()));
            ObjectNode expected = record.deepCopy();
            expected.remove("attributes");
            assertThat(stored).as(record.path("Id").asText()).isEqualTo(JSON.readTree(expected.toString()));
        }
        assertThat(restReRead.read()).isEqualTo(4);
        assertThat(restReRead.updated()).isZero();
        assertThat(restReRead.inserted()).isZero();
        assertThat(jdbc.queryForList("select raw::text from opportunity order by source_id", String.class))
                .isEqualTo(rawAfterBulk);
    }
}
