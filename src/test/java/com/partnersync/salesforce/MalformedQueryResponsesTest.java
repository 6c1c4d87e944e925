package com.partnersync.salesforce;

import com.partnersync.testsupport.CrmFake;
import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.warehouse.RunStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 whose body is cut off or is an HTML page, on each Salesforce read endpoint (queryAll page, its nextRecordsUrl
 * page, Bulk API 2.0 results): retried with backoff, then the object FAILED naming the endpoint and the problem; the
 * checkpoint never moves past what was read in full; after the next run the warehouse equals the org.
 */
class MalformedQueryResponsesTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final List<String> FIELDS = MAPPINGS.sourceFields("salesforce", "Account");
    private static final String JOBS = "/services/data/v62.0/jobs/query";
    private static final String JOB_ID = "7507Q000009f8jvQAA";
    private static final String HTML = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
            + "<body>The server is temporarily unable to service your request.</body></html>";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.dataSource());
    @RegisterExtension
    final SalesforceFake org = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    private static List<ObjectNode> accounts(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> SalesforceFake.account(SalesforceFake.accountId(i),
                T0.plusSeconds(i), "Account " + i, false)).toList();
    }

    private ObjectSummary sync(int bulkThreshold) {
        SalesforceProperties properties = org.properties("bulk-threshold", bulkThreshold);
        return new SalesforceSync(salesforce.open(properties), MAPPINGS,
                new WarehouseWriter(TestDatabase.dataSource()), checkpoints, properties).sync("Account", 0);
    }

    private void assertWarehouseEqualsOrg(int records) {
        Map<String, String> rows = jdbc.queryForList("select source_id, name, website from account where not deleted").stream()
                .collect(Collectors.toMap(r -> (String) r.get("source_id"), r -> r.get("name") + " " + r.get("website")));
        Map<String, String> expected = accounts(0, records).stream().collect(Collectors.toMap(a -> a.get("Id").asText(),
                a -> a.get("Name").asText() + " " + a.get("Website").asText()));
        assertThat(rows).isEqualTo(expected);
        assertThat(checkpoints.load("salesforce", "Account"))
                .contains(new Checkpoint(T0.plusSeconds(records - 1), SalesforceFake.accountId(records - 1)));
    }

    @ParameterizedTest(name = "queryAll page {0}")
    @CsvSource({"truncated", "html"})
    void firstQueryPage(String kind) {
        String soql = Soql.incremental("Account", FIELDS, null, true);
        org.stubQueryAll(soql, accounts(0, 4500));
        StubMapping broken = org.answer(get(urlPathMatching("/services/data/v62.0/queryAll/?")), CrmFake.malformed(kind,
                "{\"totalSize\":4500,\"done\":false,\"nextRecordsUrl\":\"/services/data/v62.0/query/01g-2000\",\"records\":[]}"));

        ObjectSummary failed = sync(100_000);

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).startsWith("Salesforce queryAll page answered 200 with a malformed body: not JSON")
                .doesNotContain("</html>");
        org.server.verify(org.properties().maxAttempts(), getRequestedFor(urlPathMatching("/services/data/v62.0/queryAll/?")));
        assertThat(checkpoints.load("salesforce", "Account")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isZero();

        org.heal(broken);
        assertThat(sync(100_000).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertWarehouseEqualsOrg(4500);
    }

    @ParameterizedTest(name = "nextRecordsUrl page {0}")
    @CsvSource({"truncated", "html"})
    void nextRecordsUrlPage(String kind) {
        org.stubQueryAll(Soql.incremental("Account", FIELDS, null, true), accounts(0, 4500));
        StubMapping broken = org.answer(get(urlPathMatching("/services/data/v62.0/query/01g.*-4000")), CrmFake.malformed(kind,
                "{\"totalSize\":4500,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Id\":\"001\"}]}"));

        ObjectSummary failed = sync(100_000);

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).startsWith("Salesforce query page (nextRecordsUrl) answered 200 with a malformed body");
        assertThat(failed.read()).isEqualTo(4000);
        // two pages committed in full; the checkpoint is their last record, not beyond
        Checkpoint kept = new Checkpoint(T0.plusSeconds(3999), SalesforceFake.accountId(3999));
        assertThat(checkpoints.load("salesforce", "Account")).contains(kept);

        org.heal(broken);
        org.stubQueryAll(Soql.incremental("Account", FIELDS, kept, true), accounts(4000, 4500));
        assertThat(sync(100_000).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertWarehouseEqualsOrg(4500);
    }

    @Test
    void aPageThatSaysMoreFollowsWithoutSayingWhereFails() {
        org.server.stubFor(get(urlPathMatching("/services/data/v62.0/queryAll/?")).willReturn(SalesforceFake.json(200,
                "{\"totalSize\":4500,\"done\":false,\"records\":[]}")));

        ObjectSummary failed = sync(100_000);

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).contains("done is false but there is no nextRecordsUrl");
    }

    @ParameterizedTest(name = "Bulk API 2.0 results {0}")
    @CsvSource({"truncated", "html", "short"})
    void bulkResults(String kind) {
        org.stubQueryAll(Soql.incremental("Account", FIELDS, null, true), accounts(0, 5000));
        String bulkSoql = Soql.incremental("Account", FIELDS, new Checkpoint(T0.plusSeconds(1999), SalesforceFake.accountId(1999)), false);
        org.server.stubFor(post(urlPathEqualTo(JOBS))
                .withRequestBody(equalToJson("{\"operation\":\"queryAll\",\"query\":\"" + bulkSoql + "\"}", true, true))
                .willReturn(SalesforceFake.json(200, SalesforceFake.recordedBody("bulk-query-create.json"))));
        org.server.stubFor(get(urlPathEqualTo(JOBS + "/" + JOB_ID)).willReturn(SalesforceFake.json(200,
                SalesforceFake.recordedBody("bulk-query-get-info.json")
                        .replace("\"numberRecordsProcessed\":13", "\"numberRecordsProcessed\":3000"))));
        String first = csv(2000, 4000);
        String second = csv(4000, 5000);
        org.server.stubFor(get(urlPathEqualTo(JOBS + "/" + JOB_ID + "/results")).withQueryParam("maxRecords", equalTo("50000"))
                .willReturn(results(first, "MTA", 2000)));
        Function<String, StubMapping> secondChunk = body -> org.server.stubFor(get(urlPathEqualTo(JOBS + "/" + JOB_ID + "/results"))
                .withQueryParam("locator", equalTo("MTA")).atPriority(1).willReturn(results(body, "null", 1000)));
        StubMapping broken = secondChunk.apply(switch (kind) {
            case "html" -> HTML;
            case "truncated" -> second.substring(0, second.length() / 2);
            // cut at a line end: only the row count can tell
            default -> second.substring(0, second.indexOf('\n', second.length() / 2) + 1);
        });

        ObjectSummary failed = sync(3000);

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).startsWith("Salesforce Bulk API 2.0 results of job " + JOB_ID
                + " answered 200 with a malformed body: ").contains(switch (kind) {
                    case "html" -> "not complete CSV (no line break at the end)";
                    case "truncated" -> "not complete CSV";
                    default -> "Sforce-NumberOfRecords 1000 but";
                });
        // the REST page's checkpoint stays: Bulk rows are unordered, so only a complete job may move it
        assertThat(checkpoints.load("salesforce", "Account"))
                .contains(new Checkpoint(T0.plusSeconds(1999), SalesforceFake.accountId(1999)));

        org.heal(broken);
        org.stubQueryAll(Soql.incremental("Account", FIELDS, new Checkpoint(T0.plusSeconds(1999),
                SalesforceFake.accountId(1999)), true), accounts(2000, 5000));
        assertThat(sync(3000).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertWarehouseEqualsOrg(5000);
    }

    @Test
    void bulkRowsFewerThanTheJobProcessedFailTheObject() {
        org.stubQueryAll(Soql.incremental("Account", FIELDS, null, true), accounts(0, 5000));
        org.server.stubFor(post(urlPathEqualTo(JOBS)).willReturn(SalesforceFake.json(200,
                SalesforceFake.recordedBody("bulk-query-create.json"))));
        org.server.stubFor(get(urlPathEqualTo(JOBS + "/" + JOB_ID)).willReturn(SalesforceFake.json(200,
                SalesforceFake.recordedBody("bulk-query-get-info.json")
                        .replace("\"numberRecordsProcessed\":13", "\"numberRecordsProcessed\":3000"))));
        org.server.stubFor(get(urlPathEqualTo(JOBS + "/" + JOB_ID + "/results"))
                .willReturn(results(csv(2000, 4000), "null", 2000)));

        ObjectSummary failed = sync(3000);

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.message()).contains("numberRecordsProcessed 3000 but 2000 rows in the results");
        assertThat(checkpoints.load("salesforce", "Account"))
                .contains(new Checkpoint(T0.plusSeconds(1999), SalesforceFake.accountId(1999)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder results(String body, String locator, int rows) {
        return aResponse().withHeader("Content-Type", "text/csv").withHeader("Sforce-Locator", locator)
                .withHeader("Sforce-NumberOfRecords", String.valueOf(rows)).withBody(body);
    }

    /** Bulk CSV rows for accounts [from, to), the columns of the query, every cell quoted, LF line ends. */
    private static String csv(int from, int to) {
        List<String> header = Soql.selectList(FIELDS);
        String head = header.stream().map(h -> '"' + h + '"').collect(Collectors.joining(",")) + "\n";
        return head + IntStream.range(from, to).mapToObj(i -> header.stream().map(column -> switch (column) {
            case "Id" -> '"' + SalesforceFake.accountId(i) + '"';
            case "SystemModstamp" -> '"' + T0.plusSeconds(i).toString().replace("Z", ".000Z") + '"';
            case "IsDeleted" -> "\"false\"";
            case "Name" -> "\"Account " + i + "\"";
            case "Website" -> "\"https://account-" + i + ".example.com\"";
            default -> "\"\"";
        }).collect(Collectors.joining(","))).collect(Collectors.joining("\n", "", "\n"));
    }
}
