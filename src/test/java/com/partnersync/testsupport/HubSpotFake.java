package com.partnersync.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.hubspot.HubSpotSimulator;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The one HubSpot account tests talk to: a WireMock server that either fronts the sandbox's HubSpot simulator over a
 * dataset ({@link #over}) or, by default, answers the batch endpoints write-back uses (POST
 * {@code /crm/v3/objects/<type>/batch/update} and {@code /batch/read}) over an in-memory record store in the shapes
 * HubSpot documents, every answer with a {@code Date} header. A record registered with {@link #fail} is left out of
 * the batch's results and named in its {@code errors}, and the batch answers 207 Multi-Status. A fault for one
 * endpoint (429 with the rate-limit headers, 423, HTML or truncated bodies) is {@link #answer}ed over the usual answer,
 * always or the next n times; other answers a test needs (list and search pages, 207 association reads) are stubs it
 * adds on {@link #server}, the newest first. Clients are the production ones ({@link #client}).
 */
public final class HubSpotFake extends CrmFake {
    private static final ObjectMapper JSON = CrmRecordStore.JSON;
    /** The CRM objects' batch endpoints take at most 100 inputs a call. */
    private static final int MAX_BATCH = 100;

    private final RecordStore store;

    /** The in-memory account: write-back's batch endpoints, and whatever else the test stubs. */
    public HubSpotFake() {
        this(new RecordStore());
    }

    private HubSpotFake(RecordStore store) {
        super(new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new HttpDateHeader(Clock.systemUTC()), store)));
        this.store = store;
        // below the tests' own stubs
        server.stubFor(post(urlPathMatching("/crm/v3/objects/\\w+/batch/(update|read)")).atPriority(10)
                .willReturn(aResponse().withTransformers(RecordStore.NAME)));
    }

    private HubSpotFake(SandboxDataset data, HubSpotSimulatorTransformer.Limits limits) {
        super(new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new HubSpotSimulatorTransformer(data, limits))));
        store = new RecordStore();
        HubSpotSimulator.registerStubs(server);
    }

    /** The sandbox's simulated account over this dataset, with these rate limits. */
    public static HubSpotFake over(SandboxDataset data, HubSpotSimulatorTransformer.Limits limits) {
        return new HubSpotFake(data, limits);
    }

    /** The client's settings for this account, waits in milliseconds; {@code overrides} as for {@code TestSettings.bind}. */
    public HubSpotProperties properties(Object... overrides) {
        return TestSettings.fromKeys(HubSpotProperties.class, Map.of("partner-sync.hubspot.base-url", baseUrl(),
                "partner-sync.hubspot.access-token", "pat-na1-test-token", "partner-sync.hubspot.backoff-initial", "1ms",
                "partner-sync.hubspot.backoff-max", "5ms"), overrides);
    }

    /** The production client against this account. */
    public HubSpotClient client(Object... overrides) {
        return new HubSpotClient(properties(overrides), CrmMonitor.unmonitored("hubspot"));
    }

    /** A response recorded from HubSpot or copied from its documentation (src/test/resources/com/partnersync/hubspot). */
    public static String fixture(String name) {
        try (InputStream in = HubSpotFake.class.getResourceAsStream("/com/partnersync/hubspot/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The account's records as written through batch update, by id: property name to value. */
    public Map<String, Map<String, String>> records() {
        return store.records;
    }

    /**
     * Makes this record's batch update fail with an error of this category (VALIDATION_ERROR, RATE_LIMITS, …) naming
     * the property: {@code times} < 0 every time, otherwise that many times and then it is written.
     */
    public void fail(String id, String category, String message, String property, int times) {
        store.fail(id, category, message, property, times);
    }

    /** Inputs per batch request body, in call order. */
    public List<Integer> batchSizes(String method, String pathRegex) {
        return CrmRecordStore.batchSizes(server, method, pathRegex, "inputs");
    }

    /**
     * Batch update: the records written in {@code results}; when some inputs failed, status 207 with {@code numErrors}
     * and one {@code errors} entry per failed id ({@code context.ids}). Batch read: the stored records' asked properties,
     * "" for a property without value, as HubSpot answers.
     */
    private static final class RecordStore extends CrmRecordStore {
        static final String NAME = "hubspot-fake-records";

        RecordStore() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            JsonNode body = CrmRecordStore.parse(event.getRequest().getBodyAsString());
            return event.getRequest().getUrl().split("\\?")[0].endsWith("/update") ? update(body) : json(200, read(body));
        }

        private ResponseDefinition update(JsonNode body) {
            if (body.get("inputs").size() > MAX_BATCH) {
                ObjectNode error = JSON.createObjectNode().put("status", "error")
                        .put("message", "Batch update is limited to " + MAX_BATCH + " inputs").put("category", "VALIDATION_ERROR");
                return json(400, error);
            }
            ObjectNode response = JSON.createObjectNode().put("status", "COMPLETE");
            ArrayNode results = response.putArray("results");
            ArrayNode errors = JSON.createArrayNode();
            for (JsonNode input : body.get("inputs")) {
                String id = input.get("id").asText();
                Failure failure = failure(id);
                if (failure != null) {
                    ObjectNode error = errors.addObject().put("status", "error").put("category", failure.code()).put("message", failure.message());
                    error.putObject("context").putArray("ids").add(id);
                    if (failure.field() != null) {
                        error.putArray("errors").addObject().put("message", failure.message()).put("code", "INVALID_OPTION").put("in", failure.field());
                    }
                    continue;
                }
                Map<String, String> stored = records.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
                input.get("properties").fields().forEachRemaining(p -> stored.put(p.getKey(), p.getValue().asText()));
                ObjectNode result = results.addObject().put("id", id);
                ObjectNode properties = result.putObject("properties");
                stored.forEach(properties::put);
                result.put("createdAt", "2026-01-05T10:00:00.000Z").put("updatedAt", "2026-11-30T10:00:00.000Z").put("archived", false);
            }
            response.put("startedAt", "2026-11-30T10:00:00.000Z").put("completedAt", "2026-11-30T10:00:00.100Z");
            if (!errors.isEmpty()) {
                response.put("numErrors", errors.size()).set("errors", errors);
                return json(207, response);
            }
            return json(200, response);
        }

        private ObjectNode read(JsonNode body) {
            ObjectNode response = JSON.createObjectNode().put("status", "COMPLETE");
            ArrayNode results = response.putArray("results");
            for (JsonNode input : body.get("inputs")) {
                Map<String, String> stored = records.get(input.get("id").asText());
                if (stored != null) {
                    ObjectNode properties = results.addObject().put("id", input.get("id").asText()).putObject("properties");
                    body.get("properties").forEach(p -> properties.put(p.asText(), stored.getOrDefault(p.asText(), "")));
                }
            }
            return response;
        }

        private static ResponseDefinition json(int status, JsonNode body) {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
                    .withBody(body.toString()).build();
        }
    }
}
