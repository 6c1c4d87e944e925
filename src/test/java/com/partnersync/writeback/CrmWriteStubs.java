package com.partnersync.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.salesforce.SalesforceProperties;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A JUnit extension ({@code @RegisterExtension}) that empties the test database and starts, per test, WireMock answering the two CRMs' write-back endpoints in their real response shapes, over an in-memory record store
 * so writes can be read back: Salesforce sObject Collections (PATCH update/upsert, GET retrieve) and HubSpot batch
 * update/read. Records registered with {@link #fail} answer with that CRM error instead of being written. Tests write
 * through the production clients ({@link #salesforce()}, {@link #hubspot()}).
 */
final class CrmWriteStubs implements ResponseDefinitionTransformerV2, BeforeEachCallback, AfterEachCallback {
    static final String SF = "/services/data/v62.0/composite/sobjects";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A per-record CRM error; {@code times} < 0 fails every time, otherwise that many times then succeeds. */
    record Failure(String code, String message, String field, int times) {
    }

    final Map<String, Map<String, String>> records = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    final WireMockServer server;
    private final SalesforceClients salesforceClients = new SalesforceClients();

    CrmWriteStubs() {
        server = new WireMockServer(options().dynamicPort().extensions(this));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase.truncateAll();
        server.start();
        server.stubFor(patch(urlPathMatching(SF + "(/[A-Za-z0-9_]+/[A-Za-z0-9_]+)?")).willReturn(aResponse().withTransformers(getName())));
        server.stubFor(get(urlPathMatching(SF + "/[A-Za-z0-9_]+")).willReturn(aResponse().withTransformers(getName())));
        server.stubFor(post(urlPathMatching("/crm/v3/objects/[a-z_]+/batch/(update|read)")).willReturn(aResponse().withTransformers(getName())));
        // the password grant's answer as Salesforce documents it; the instance is this server
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"access_token":"00D000000000000!WRITEBACK","instance_url":"%s",
                         "id":"%s/id/00D000000000000EAA/005000000000000AAA","token_type":"Bearer",
                         "issued_at":"1674744610000","signature":"c2lnbmF0dXJl"}""".formatted(baseUrl(), baseUrl()))));
    }

    /** The production Salesforce client (camel-salesforce component, password login) against this server. */
    SalesforceClient salesforce() {
        return salesforceClients.open(TestSettings.bind(SalesforceProperties.class, "login-url", baseUrl(),
                "client-id", "3MVG9-writeback-test", "client-secret", "client-secret", "username", "integration@example.com",
                "password", "password+token", "initial-backoff", "1ms"));
    }

    /** The production HubSpot client against this server. */
    HubSpotClient hubspot() {
        HubSpotProperties properties = TestSettings.bind(HubSpotProperties.class, "base-url", baseUrl(),
                "access-token", "pat-na1-writeback-test", "backoff-initial", "1ms", "backoff-max", "5ms");
        return new HubSpotClient(properties, CrmMonitor.unmonitored("hubspot"));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    void fail(String key, String code, String message, String field, int times) {
        failures.put(key, new Failure(code, message, field, times));
    }

    int calls(String method, String pathRegex) {
        return (int) server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals(method) && e.getRequest().getUrl().split("\\?")[0].matches(pathRegex))
                .count();
    }

    /** Records per request body, in call order. */
    List<Integer> batchSizes(String method, String pathRegex) {
        List<Integer> newestFirst = server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals(method) && e.getRequest().getUrl().split("\\?")[0].matches(pathRegex))
                .map(e -> {
                    JsonNode body = parse(e.getRequest().getBodyAsString());
                    return body.has("records") ? body.get("records").size() : body.get("inputs").size();
                })
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        salesforceClients.afterEach(context);
        server.stop();
    }

    @Override
    public String getName() {
        return "crm-write-stubs";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        var request = event.getRequest();
        String path = request.getUrl().split("\\?")[0];
        String method = request.getMethod().getName();
        if (path.startsWith(SF) && method.equals("PATCH")) {
            return json(200, salesforceSave(parse(request.getBodyAsString()), path.length() > SF.length() ? path.substring(path.lastIndexOf('/') + 1) : "Id"));
        }
        if (path.startsWith(SF)) {
            return json(200, salesforceRetrieve(request.queryParameter("ids").firstValue(), request.queryParameter("fields").firstValue()));
        }
        JsonNode body = parse(request.getBodyAsString());
        return path.endsWith("/update") ? hubspotUpdate(body) : json(200, hubspotRead(body));
    }

    private ArrayNode salesforceSave(JsonNode body, String keyField) {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode record : body.get("records")) {
            String key = record.get(keyField).asText();
            Failure failure = failure(key);
            ObjectNode result = results.addObject();
            if (failure != null) {
                result.put("success", false);
                ObjectNode error = result.putArray("errors").addObject();
                error.put("statusCode", failure.code()).put("message", failure.message());
                ArrayNode fields = error.putArray("fields");
                if (failure.field() != null) {
                    fields.add(failure.field());
                }
                continue;
            }
            Map<String, String> stored = records.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
            record.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("attributes")) {
                    stored.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText());
                }
            });
            result.put("id", key).put("success", true).putArray("errors");
        }
        return results;
    }

    private ArrayNode salesforceRetrieve(String ids, String fields) {
        ArrayNode results = JSON.createArrayNode();
        for (String id : URLDecoder.decode(ids, StandardCharsets.UTF_8).split(",")) {
            Map<String, String> stored = records.get(id);
            if (stored == null) {
                results.addNull();
                continue;
            }
            ObjectNode record = results.addObject();
            record.putObject("attributes").put("type", "Deal_Registration__c");
            record.put("Id", id);
            for (String field : URLDecoder.decode(fields, StandardCharsets.UTF_8).split(",")) {
                String value = stored.get(field);
                if (value == null || value.isEmpty()) {
                    record.putNull(field);
                } else {
                    record.put(field, value);
                }
            }
        }
        return results;
    }

    private ResponseDefinition hubspotUpdate(JsonNode body) {
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

    private ObjectNode hubspotRead(JsonNode body) {
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

    private Failure failure(String key) {
        Failure failure = failures.get(key);
        if (failure == null || failure.times() == 0) {
            return null;
        }
        if (failure.times() > 0) {
            failures.put(key, new Failure(failure.code(), failure.message(), failure.field(), failure.times() - 1));
        }
        return failure;
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies of the stored CRM records, keyed by id. */
    Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> copy = new HashMap<>();
        records.forEach((id, fields) -> copy.put(id, Map.copyOf(fields)));
        return copy;
    }
}
