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
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Above {@code bulk-threshold} pending records, the rest of an object is read through a Bulk API 2.0 query job:
 * {@code POST /jobs/query}, {@code GET /jobs/query/{id}} until JobComplete, then CSV pages of
 * {@code GET /jobs/query/{id}/results} linked by {@code Sforce-Locator}.
 */
class BulkQueryJobEndpointTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final List<String> FIELDS = MAPPINGS.sourceFields("salesforce", "Account");
    private static final String JOBS = "/services/data/v62.0/jobs/query";
    private static final String JOB_ID = "7507Q000009f8jvQAA"; // the id in the recorded job fixtures

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.dataSource());
    @RegisterExtension
    final SalesforceFake org = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    private static String id(int i) {
        return SalesforceFake.accountId(i);
    }

    /** Bulk CSV rows for accounts [from, to): dotted relationship columns, empty cells for nulls, Z datetimes. */
    private static String csv(int from, int to, int deletedIndex) {
        List<String> header = Soql.selectList(FIELDS);
        String head = header.stream().map(h -> '"' + h + '"').collect(Collectors.joining(",")) + "\n";
        return head + IntStream.range(from, to).mapToObj(i -> header.stream().map(column -> switch (column) {
            case "Id" -> '"' + id(i) + '"';
            case "SystemModstamp" -> '"' + T0.plusSeconds(i).toString().replace("Z", ".000Z") + '"';
            case "IsDeleted" -> i == deletedIndex ? "\"true\"" : "\"false\"";
            case "Name" -> "\"Account \"\"" + i + "\"\", Inc.\"";
            case "Website" -> "\"https://a" + i + ".example.com\"";
            default -> "\"\"";
        }).collect(Collectors.joining(","))).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void aBacklogAboveTheThresholdIsReadThroughOneBulkQueryJobAfterTheFirstRestPage() {
        List<ObjectNode> rest = IntStream.range(0, 5000).mapToObj(i -> SalesforceFake.account(id(i), T0.plusSeconds(i),
                "Account " + i, false)).toList();
        org.stubQueryAll(Soql.incremental("Account", FIELDS, null, true), rest);
        String bulkSoql = Soql.incremental("Account", FIELDS, new Checkpoint(T0.plusSeconds(1999), id(1999)), false);
        org.server.stubFor(post(urlPathEqualTo(JOBS))
                .withRequestBody(equalToJson("{\"operation\":\"queryAll\",\"query\":\"" + bulkSoql + "\"}", true, true))
                .willReturn(SalesforceFake.json(200, SalesforceFake.recordedBody("bulk-query-create.json"))));
        org.server.stubFor(get(urlPathEqualTo(JOBS + "/" + JOB_ID))
                .willReturn(SalesforceFake.json(200, SalesforceFake.recordedBody("bulk-query-get-info.json")
                        .replace("\"numberRecordsProcessed\":13", "\"numberRecordsProcessed\":3000"))));
        org.server.stubFor(get(urlPathEqualTo(JOBS + "/" + JOB_ID + "/results")).withQueryParam("maxRecords", equalTo("50000"))
                .willReturn(aResponse().withHeader("Content-Type", "text/csv").withHeader("Sforce-Locator", "MTA")
                        .withHeader("Sforce-NumberOfRecords", "2000").withBody(csv(2000, 4000, 2500))));
        org.server.stubFor(get(urlPathEqualTo(JOBS + "/" + JOB_ID + "/results")).withQueryParam("locator", equalTo("MTA"))
                .willReturn(aResponse().withHeader("Content-Type", "text/csv").withHeader("Sforce-Locator", "null")
                        .withHeader("Sforce-NumberOfRecords", "1000").withBody(csv(4000, 5000, -1))));
        SalesforceProperties properties = org.properties("bulk-threshold", 3000);

        ObjectSummary summary = new SalesforceSync(salesforce.open(properties), MAPPINGS,
                new WarehouseWriter(TestDatabase.dataSource()), checkpoints, properties).sync("Account", 0);

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.read()).isEqualTo(5000);
        assertThat(summary.errors()).isZero();
        // REST page, job, poll, the Describe that types the CSV cells, two result pages (the login is no API call)
        assertThat(summary.apiCalls()).isEqualTo(1 + 1 + 1 + 1 + 2);
        assertThat(jdbc.queryForObject("select count(*) from account where not deleted", Long.class)).isEqualTo(4999);
        assertThat(jdbc.queryForObject("select name from account where source_id = ?", String.class, id(4321)))
                .isEqualTo("Account \"4321\", Inc.");
        assertThat(jdbc.queryForObject("select website from account where source_id = ?", String.class, id(4999)))
                .isEqualTo("https://a4999.example.com");
        assertThat(checkpoints.load("salesforce", "Account")).contains(new Checkpoint(T0.plusSeconds(4999), id(4999)));
        org.server.verify(1, postRequestedFor(urlPathEqualTo(JOBS)));
    }
}
