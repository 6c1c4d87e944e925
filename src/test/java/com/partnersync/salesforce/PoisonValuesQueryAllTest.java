package com.partnersync.salesforce;

import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.warehouse.RunStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.SyncRuns;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queryAll page holding a NUL, an unpaired surrogate, a number in a date field and an id that is not a Salesforce
 * id: everything else loads, each problem is one sync_error row, and the next run carries on from a valid key.
 */
class PoisonValuesQueryAllTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final List<String> FIELDS = MAPPINGS.sourceFields("salesforce", "Opportunity");
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final DateTimeFormatter MODSTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.dataSource());
    @RegisterExtension
    final SalesforceFake org = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    private static ObjectNode opportunity(String id, int second, String name) {
        ObjectNode record = JSON.createObjectNode();
        record.putObject("attributes").put("type", "Opportunity").put("url", "/services/data/v62.0/sobjects/Opportunity/" + id);
        record.put("Id", id);
        record.put("SystemModstamp", MODSTAMP.format(T0.plusSeconds(second)));
        record.put("IsDeleted", false);
        record.put("Name", name);
        record.put("StageName", "Prospecting");
        record.put("Amount", 1000.0);
        record.put("CloseDate", "2026-12-31");
        return record;
    }

    /** A queryAll answer whose JSON escapes the unpaired surrogate as Salesforce does ({@code \ud83d}). */
    private void stubQueryAll(String soql, List<ObjectNode> records) {
        stubQueryAll(equalTo(soql), records);
    }

    private void stubQueryAll(StringValuePattern soql, List<ObjectNode> records) {
        ObjectNode page = JSON.createObjectNode();
        page.put("totalSize", records.size());
        page.put("done", true);
        ArrayNode array = page.putArray("records");
        records.forEach(array::add);
        org.server.stubFor(get(urlPathMatching("/services/data/v62.0/queryAll/?")).withQueryParam("q", soql)
                .willReturn(SalesforceFake.json(200, page.toString().replace("\uD83D", "\\ud83d"))));
    }

    private ObjectSummary sync() {
        SalesforceProperties properties = org.properties();
        long runId = new SyncRuns(TestDatabase.dataSource()).start("test");
        return new SalesforceSync(salesforce.open(properties), MAPPINGS,
                new WarehouseWriter(TestDatabase.dataSource()), checkpoints, properties).sync("Opportunity", runId);
    }

    @Test
    void everythingElseLoadsEachProblemIsOneRowAndTheNextRunIsNotStuck() {
        ObjectNode numericDate = opportunity("0065g000000000CAAQ", 3, "Numeric close date");
        numericDate.put("CloseDate", 20261207);
        stubQueryAll(Soql.incremental("Opportunity", FIELDS, null, true), List.of(
                opportunity("0065g000000000AAAQ", 1, "Clean"),
                opportunity("0065g000000000NAAQ", 2, "Acme\u0000 renewal"),
                numericDate,
                opportunity("0065g000000000SAAQ", 4, "Cut emoji \uD83D"),
                opportunity("0065g000000000ZAAQ", 5, "Clean too"),
                opportunity("006' OR Name != '", 6, "Injected id")));
        org.clock.set(T0.plusSeconds(60));

        ObjectSummary first = sync();

        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.errors()).isEqualTo(2);
        assertThat(jdbc.queryForList("select source_id || ' ' || name from opportunity order by source_id", String.class))
                .containsExactly("0065g000000000AAAQ Clean", "0065g000000000NAAQ Acme renewal",
                        "0065g000000000SAAQ Cut emoji ", "0065g000000000ZAAQ Clean too");
        assertThat(jdbc.queryForObject("select raw ->> 'Name' from opportunity where source_id = '0065g000000000NAAQ'",
                String.class)).isEqualTo("Acme renewal");
        assertThat(jdbc.queryForList("""
                        select record_id || ' | ' || field || ' | ' || severity || ' | ' || message
                        from v_sync_error_open order by record_id""", String.class)).containsExactly(
                "006' OR Name != ' | Id | error | not a Salesforce id (15 or 18 letters and digits): '006' OR Name != ''",
                "0065g000000000CAAQ | CloseDate -> close_date | error | opportunity.close_date"
                        + " (mappings/salesforce/opportunity.yml): not a date (a number, not epoch milliseconds): '20261207'",
                "0065g000000000NAAQ | Name | warning | removed characters PostgreSQL cannot store: '1 NUL (U+0000)'",
                "0065g000000000SAAQ | Name | warning | removed characters PostgreSQL cannot store:"
                        + " '1 unpaired surrogate (U+D83D)'");
        // the malformed id, though last and newest, is not the checkpoint
        Checkpoint checkpoint = checkpoints.load("salesforce", "Opportunity").orElseThrow();
        assertThat(checkpoint).isEqualTo(new Checkpoint(T0.plusSeconds(5), "0065g000000000ZAAQ"));

        stubQueryAll(SalesforceFake.sinceReadThrough("Opportunity", FIELDS),
                List.of(opportunity("0065g000000001AAAQ", 86_400, "Next day")));
        org.clock.set(T0.plusSeconds(90_000));

        ObjectSummary next = sync();

        // the next query names no record id at all: it reads from the first read's start by the org's clock
        assertThat(org.lastQueriedSince()).isBetween(T0.plusSeconds(50), T0.plusSeconds(60));
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(next.inserted()).isEqualTo(1);
        assertThat(checkpoints.load("salesforce", "Opportunity"))
                .contains(new Checkpoint(T0.plusSeconds(86_400), "0065g000000001AAAQ"));
    }
}
