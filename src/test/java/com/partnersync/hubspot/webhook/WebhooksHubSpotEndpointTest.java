package com.partnersync.hubspot.webhook;

import com.partnersync.testsupport.HubSpotFake;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /webhooks/hubspot}: HubSpot's signed webhook calls (X-HubSpot-Signature-v3) against WireMock-served
 * CRM v3 batch read responses of the recorded shape, into the embedded warehouse.
 */
class WebhooksHubSpotEndpointTest {
    static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private static final String PUBLIC_URL = "https://sync.example.com/webhooks/hubspot";
    private static final String BATCH_READ = "/crm/v3/objects/companies/batch/read";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final List<String> streamed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HubSpotFake hubspot = new HubSpotFake();
    private HubSpotWebhookController controller;
    private MockMvc mvc;

    @BeforeEach
    void start() throws IOException {
        TestDatabase.truncateAll();
        stubBatchRead(fixture("crm-v3-objects-companies-batch-read.json"));
        HubSpotProperties client = hubspot.properties("requests-per-interval", 10_000, "searches-per-second", 1000);
        WebhookProperties properties = TestSettings.bind(WebhookProperties.class, "client-secret", SECRET,
                "public-url", PUBLIC_URL);
        controller = new HubSpotWebhookController(properties,
                new WebhookChanges(new HubSpotClient(client, null), MAPPINGS, new WarehouseWriter(TestDatabase.dataSource())),
                streamed::add);
        mvc = MockMvcBuilders.standaloneSetup(controller).build();
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    private void stubBatchRead(String body) {
        hubspot.server.stubFor(post(urlEqualTo(BATCH_READ)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body)));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = WebhooksHubSpotEndpointTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sign(String secret, String body, String timestamp) {
        return new WebhookSignature(secret, Duration.ofMinutes(5)).sign("POST", PUBLIC_URL, body, timestamp);
    }

    private static MockHttpServletRequestBuilder call(String body, String timestamp, String signature) {
        MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/webhooks/hubspot").contentType("application/json").content(body);
        if (timestamp != null) {
            request.header("X-HubSpot-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-HubSpot-Signature-v3", signature);
        }
        return request;
    }

    private int deliver(String body) throws Exception {
        String now = Long.toString(Instant.now().toEpochMilli());
        int status = mvc.perform(call(body, now, sign(SECRET, body, now))).andReturn().getResponse().getStatus();
        controller.drain();
        return status;
    }

    private Map<String, Object> account(String id) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select name, deleted from account where source_system = 'hubspot' and source_id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String events(String type, String objectTypeId, List<Long> ids) {
        ArrayNode events = JSON.createArrayNode();
        long eventId = 1780312901;
        for (long id : ids) {
            events.addObject().put("eventId", eventId++).put("subscriptionId", 2998041).put("portalId", 62515)
                    .put("appId", 54321).put("occurredAt", 1796659200000L).put("subscriptionType", type)
                    .put("attemptNumber", 0).put("objectId", id).put("objectTypeId", objectTypeId)
                    .put("changeSource", "CRM_UI");
        }
        return events.toString();
    }

    @Test
    void aValidlySignedPropertyChangeIsReadByIdAndUpserted() throws Exception {
        assertThat(deliver(fixture("webhook-companies-property-change.json"))).isEqualTo(204);

        assertThat(account("5001")).containsEntry("name", "Northwind Traders (renamed)").containsEntry("deleted", false);
        hubspot.server.verify(1, postRequestedFor(urlEqualTo(BATCH_READ)));
        assertThat(streamed).as("rules and write-back told").containsExactly("hubspot");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "signed with another secret,        another-secret, 0,    false",
            "body changed after signing,        " + SECRET + ", 0,    true",
            "timestamp six minutes old,         " + SECRET + ", -360, false",
            "timestamp six minutes ahead,       " + SECRET + ", 360,  false"})
    void aWrongOrStaleSignatureGets401AndChangesNothing(String rule, String secret, long skewSeconds, boolean tamper)
            throws Exception {
        String body = fixture("webhook-companies-property-change.json");
        String timestamp = Long.toString(Instant.now().plusSeconds(skewSeconds).toEpochMilli());
        String signature = sign(secret, body, timestamp);
        String sent = tamper ? body.replace("5001", "5002") : body;

        assertThat(mvc.perform(call(sent, timestamp, signature)).andReturn().getResponse().getStatus()).as(rule).isEqualTo(401);

        controller.drain();
        hubspot.server.verify(0, anyRequestedFor(anyUrl()));
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isZero();
        assertThat(streamed).isEmpty();
    }

    @Test
    void aCallWithoutSignatureHeadersGets401() throws Exception {
        mvc.perform(call(fixture("webhook-companies-property-change.json"), null, null)).andExpect(status().isUnauthorized());
        hubspot.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBatchOf100PropertyChangesIsOneBatchRead() throws Exception {
        ObjectNode template = (ObjectNode) JSON.readTree(fixture("crm-v3-objects-companies-batch-read.json")).path("results").get(0);
        ObjectNode response = JSON.createObjectNode().put("status", "COMPLETE");
        ArrayNode results = response.putArray("results");
        List<Long> ids = new java.util.ArrayList<>();
        for (long id = 7001; id <= 7100; id++) {
            ObjectNode record = template.deepCopy().put("id", Long.toString(id));
            ((ObjectNode) record.get("properties")).put("hs_object_id", Long.toString(id)).put("name", "Company " + id);
            results.add(record);
            ids.add(id);
        }
        stubBatchRead(response.toString());

        assertThat(deliver(events("object.propertyChange", "0-2", ids))).isEqualTo(204);

        hubspot.server.verify(1, postRequestedFor(urlEqualTo(BATCH_READ)));
        assertThat(JSON.readTree(hubspot.server.getAllServeEvents().get(0).getRequest().getBodyAsString()).path("inputs").size())
                .isEqualTo(100);
        assertThat(jdbc.queryForObject("select count(*) from account where source_system = 'hubspot' and not deleted",
                Integer.class)).isEqualTo(100);
    }

    @Test
    void callsArrivingWithinTheWindowAreAppliedTogetherWithOneBatchRead() throws Exception {
        ObjectNode template = (ObjectNode) JSON.readTree(fixture("crm-v3-objects-companies-batch-read.json")).path("results").get(0);
        ObjectNode response = JSON.createObjectNode().put("status", "COMPLETE");
        ArrayNode results = response.putArray("results");
        for (long id = 8001; id <= 8005; id++) {
            ObjectNode record = template.deepCopy().put("id", Long.toString(id));
            ((ObjectNode) record.get("properties")).put("hs_object_id", Long.toString(id)).put("name", "Company " + id);
            results.add(record);
        }
        stubBatchRead(response.toString());

        // five calls of one event each, as HubSpot sends a trickle of changes, well within the 500 ms window
        for (long id = 8001; id <= 8005; id++) {
            String body = events("object.propertyChange", "0-2", List.of(id));
            String now = Long.toString(Instant.now().toEpochMilli());
            assertThat(mvc.perform(call(body, now, sign(SECRET, body, now))).andReturn().getResponse().getStatus()).isEqualTo(204);
        }
        controller.drain();

        hubspot.server.verify(1, postRequestedFor(urlEqualTo(BATCH_READ)));
        assertThat(JSON.readTree(hubspot.server.getAllServeEvents().get(0).getRequest().getBodyAsString()).path("inputs").size())
                .isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from account where source_system = 'hubspot'", Integer.class))
                .isEqualTo(5);
    }

    @Test
    void deletionSoftDeletesWithoutARead() throws Exception {
        deliver(fixture("webhook-companies-property-change.json"));
        hubspot.server.resetRequests();

        // occurredAt after the row's version: the delete is newer and wins
        String deletion = events("object.deletion", "0-2", List.of(5001L)).replace("1796659200000", "1796745600000");
        assertThat(deliver(deletion)).isEqualTo(204);

        assertThat(account("5001")).containsEntry("deleted", true);
        hubspot.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void restoreReadsTheRecordAgainAndRevivesTheRow() throws Exception {
        deliver(fixture("webhook-companies-property-change.json"));
        jdbc.update("update account set deleted = true, source_modified_at = '2026-12-01T00:00:00Z' where source_id = '5001'");

        assertThat(deliver(events("object.restore", "0-2", List.of(5001L)))).isEqualTo(204);

        assertThat(account("5001")).containsEntry("deleted", false);
    }

    @Test
    void eventsForObjectsWithoutAMappingAreIgnored() throws Exception {
        assertThat(deliver(events("object.propertyChange", "0-5", List.of(9001L)))).isEqualTo(204);

        hubspot.server.verify(0, anyRequestedFor(anyUrl()));
    }
}
