package com.partnersync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated {@code POST /crm/v4/associations/<from>/<to>/batch/read} answers as HubSpot documents it: HubSpot-defined
 * type ids per object pair, and a 207 with an {@code errors[]} entry for an input that has no associations.
 */
class CrmV4AssociationsBatchReadSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    @ParameterizedTest(name = "{0} -> {1}: type {2}")
    @CsvSource({
            "deals, companies, 341",
            "deals, contacts, 3",
            "contacts, companies, 279",
            "calls, companies, 182",
            "calls, deals, 206",
            "meetings, companies, 188",
            "meetings, deals, 212",
    })
    void answersHubSpotDefinedTypeIdsAndA207ForInputsWithoutAssociations(String from, String to, int unlabeledType)
            throws Exception {
        String associated = firstIdWithAssociations(from, to);
        String missing = "999999999999";
        HttpResponse<String> response = batchRead(from, to, associated, missing);

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(body.path("results")).hasSize(1);
        assertThat(body.path("results").get(0).path("from").path("id").asText()).isEqualTo(associated);
        List<Integer> types = new ArrayList<>();
        body.path("results").get(0).path("to").forEach(target ->
                target.path("associationTypes").forEach(type -> types.add(type.path("typeId").asInt())));
        assertThat(types).contains(unlabeledType);
        assertThat(body.path("numErrors").asInt()).isEqualTo(1);
        JsonNode error = body.path("errors").get(0);
        assertThat(error.path("subCategory").asText()).isEqualTo("crm.associations.NO_ASSOCIATIONS_FOUND");
        assertThat(error.path("context").path("fromObjectId").get(0).asText()).isEqualTo(missing);
    }

    private static String firstIdWithAssociations(String from, String to) {
        for (SandboxRecord record : data.pageAfter(Crm.HUBSPOT, from, null, null, null, 1000, false)) {
            if (!data.associations(from, record.id(), to).isEmpty()) {
                return record.id();
            }
        }
        throw new AssertionError("the dataset associates no " + from + " with " + to);
    }

    private static HttpResponse<String> batchRead(String from, String to, String... ids) throws Exception {
        var inputs = JSON.createObjectNode();
        var array = inputs.putArray("inputs");
        for (String id : ids) {
            array.addObject().put("id", id);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v4/associations/" + from + "/"
                        + to + "/batch/read"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(inputs.toString())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
