package com.partnersync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated {@code POST /crm/v3/objects/<type>/batch/read} (what the connector's webhook path reads changed
 * records with) answers as HubSpot documents it: the named properties per found record, a 207 whose OBJECT_NOT_FOUND
 * error lists the ids it does not have (archived ones unless {@code archived=true}), and a 400 past 100 inputs.
 */
class CrmV3ObjectsBatchReadSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SandboxDataset data;
    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        data = SandboxDataset.builder().scale(0.01).build();
        sandbox = SandboxServer.start(data, List.of(new HubSpotSimulator()), 0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static HttpResponse<String> batchRead(String query, List<String> ids) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("properties", List.of("dealname"),
                "inputs", ids.stream().map(id -> java.util.Map.of("id", id)).toList()));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v3/objects/deals/batch/read" + query))
                .header("Authorization", "Bearer sandbox-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String liveDeal(int nth) {
        return data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, nth + 1, false).get(nth).id();
    }

    @Test
    void foundRecordsCarryTheNamedPropertiesAndMissingOnesAre207NotFound() throws Exception {
        String live = liveDeal(0);
        String archived = liveDeal(1);
        data.delete(Crm.HUBSPOT, "deals", archived);

        HttpResponse<String> response = batchRead("", List.of(live, archived, "99999999999"));

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(body.path("results")).hasSize(1);
        JsonNode record = body.path("results").get(0);
        assertThat(record.path("id").asText()).isEqualTo(live);
        assertThat(record.path("properties").path("dealname").asText())
                .isEqualTo(data.record(Crm.HUBSPOT, "deals", live).orElseThrow().fields().get("dealname"));
        assertThat(record.path("properties").has("hs_lastmodifieddate")).isTrue();
        assertThat(record.path("archived").asBoolean()).isFalse();
        JsonNode error = body.path("errors").get(0);
        assertThat(error.path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(error.path("context").path("ids")).extracting(JsonNode::asText)
                .containsExactly(archived, "99999999999");

        JsonNode archivedRead = JSON.readTree(batchRead("?archived=true", List.of(archived)).body());
        assertThat(archivedRead.path("results").get(0).path("archived").asBoolean()).isTrue();
    }

    @Test
    void moreThan100InputsAreRefused() throws Exception {
        List<String> ids = IntStream.range(0, 101).mapToObj(i -> Long.toString(20_000_000_000L + i)).toList();

        HttpResponse<String> response = batchRead("", ids);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("category").asText()).isEqualTo("VALIDATION_ERROR");
    }
}
