package com.partnersync.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.salesforce.SalesforceProperties;
import com.partnersync.salesforce.Soql;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.salesforce.SalesforceSimulator;
import com.partnersync.warehouse.Checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The one Salesforce org tests talk to: a WireMock server that either fronts the sandbox's simulated org over a dataset
 * ({@link #over}) or, by default, answers in the shapes Salesforce documents and fixtures recorded from a real org show:
 * <ul>
 *   <li>the OAuth token endpoint (password grant) and the sObject Describe of Account and Opportunity;</li>
 *   <li>query/queryAll pages a test lays out ({@link #stubQueryAll}), 2,000 records a page linked by
 *       {@code nextRecordsUrl};</li>
 *   <li>sObject Collections update, upsert by external id and retrieve over an in-memory record store, so writes can
 *       be read back; a record registered with {@link #fail} answers with that per-record error instead.</li>
 * </ul>
 * Every answer carries the org's {@link #clock} in its {@code Date} header. A fault for one endpoint (HTML or truncated
 * body, 401 INVALID_SESSION_ID, 503, REQUEST_LIMIT_EXCEEDED) is {@link #answer}ed over the usual answer; the other
 * stubs a test adds on {@link #server} answer too, the newest first. Clients are the production ones ({@link #client}).
 * Use as {@code @RegisterExtension} or close it.
 */
public final class SalesforceFake extends CrmFake {
    public static final String VERSION = "62.0";
    public static final String DATA = "/services/data/v" + VERSION;
    /** sObject Collections: PATCH (update, or upsert under /Type/ExternalIdField), GET /Type (retrieve). */
    public static final String COLLECTIONS = DATA + "/composite/sobjects";
    public static final String TOKEN = "00D000000000000!SESSION_TOKEN_1";
    /** Salesforce reads at most 2,000 records a query page. */
    private static final int PAGE = 2000;
    /** sObject Collections take at most 200 records a call. */
    private static final int MAX_COLLECTION = 200;
    private static final ObjectMapper JSON = CrmRecordStore.JSON;
    private static final String DATETIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    /** The REST API's datetime form: milliseconds and an offset without a colon. */
    private static final DateTimeFormatter MODSTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    /** The org's clock: every answer's Date header (the real time unless a test sets it). */
    public final MutableClock clock;
    private final RecordStore store;
    private final SalesforceClients clients = new SalesforceClients();
    private int locators;

    public SalesforceFake() {
        this(new MutableClock(Instant.now()), new RecordStore());
    }

    private SalesforceFake(MutableClock clock, RecordStore store) {
        super(new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new HttpDateHeader(clock), store)));
        this.clock = clock;
        this.store = store;
        stubLogin(TOKEN);
        for (String object : List.of("Account", "Opportunity")) {
            server.stubFor(get(urlPathEqualTo(DATA + "/sobjects/" + object + "/describe"))
                    .willReturn(json(200, fixture("sobjects-" + object + "-describe.json"))));
        }
        // below the tests' own stubs, so a test can make one write call fail as a whole
        server.stubFor(patch(urlPathMatching(COLLECTIONS + "(/\\w+/\\w+)?")).atPriority(10)
                .willReturn(aResponse().withTransformers(RecordStore.NAME)));
        server.stubFor(get(urlPathMatching(COLLECTIONS + "/\\w+")).atPriority(10)
                .willReturn(aResponse().withTransformers(RecordStore.NAME)));
    }

    private SalesforceFake(WireMockServer simulated) {
        super(simulated);
        clock = new MutableClock(Instant.now());
        store = new RecordStore();
    }

    /**
     * The sandbox's simulated org over this dataset instead (every {@code /services/} call, its clock the dataset's),
     * for tests that count calls over many records; {@link #stubQueryAll} and the write store are not used then.
     */
    public static SalesforceFake over(SandboxDataset dataset) {
        SalesforceSimulator simulator = new SalesforceSimulator();
        SalesforceFake fake = new SalesforceFake(new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().extensions(simulator.extensions(dataset).toArray(Extension[]::new))));
        simulator.register(fake.server, dataset);
        return fake;
    }

    /** The client's settings for this org; {@code overrides} as for {@code TestSettings.bind}. */
    public SalesforceProperties properties(Object... overrides) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("login-url", baseUrl(), "client-id", "3MVG9-test-client",
                "client-secret", "client-secret", "username", "integration@example.com", "password", "password+token",
                "api-version", VERSION, "initial-backoff", "1ms", "bulk-poll-interval", "1ms",
                // resume queries exactly at the checkpoint key; the look-back has its own test
                "look-back", "0s"));
        Map<String, String> keys = new LinkedHashMap<>();
        settings.forEach((key, value) -> keys.put("partner-sync.salesforce." + key, value));
        return TestSettings.fromKeys(SalesforceProperties.class, keys, overrides);
    }

    /** The production client (camel-salesforce component, password login) against this org, stopped with it. */
    public SalesforceClient client(Object... overrides) {
        return clients.open(properties(overrides));
    }

    public void stubLogin(String token) {
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(json(200, """
                {"access_token":"%s","instance_url":"%s","id":"%s/id/00D000000000000EAA/005000000000000AAA",
                 "token_type":"Bearer","issued_at":"1674744610000","signature":"c2lnbmF0dXJl"}"""
                .formatted(token, baseUrl(), baseUrl()))));
    }

    /** The token endpoint refuses the credentials as Salesforce answers a wrong password or a revoked app: 400 invalid_grant. */
    public void refuseLogin() {
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}")));
    }

    // --- query / queryAll ------------------------------------------------------------------------------------

    /** Answers {@code GET /queryAll?q=<soql>} and its follow-on pages with these records. */
    public void stubQueryAll(String soql, List<ObjectNode> records) {
        stubQueryAll(soql, records, 40);
    }

    /** As {@link #stubQueryAll(String, List)}, each response reporting this many of the org's 15,000 daily requests used. */
    public void stubQueryAll(String soql, List<ObjectNode> records, int apiRequestsUsed) {
        stubPages(get(urlPathMatching(DATA + "/queryAll/?")).withQueryParam("q", equalTo(soql)), records, 0, apiRequestsUsed);
    }

    /**
     * Answers the queryAll an incremental sends after a complete read: every change since its read-through time (the
     * previous read's start by the org's clock, less the look-back). That time depends on the round trip, so any time
     * matches here and {@link #lastQueriedSince()} tells which one was sent.
     */
    public void stubQueryAllSinceReadThrough(String object, List<String> fields, List<ObjectNode> records) {
        stubPages(get(urlPathMatching(DATA + "/queryAll/?")).withQueryParam("q", sinceReadThrough(object, fields)), records, 0, 40);
    }

    /** The {@code q} of an ordered incremental queryAll from a time rather than a (time, Id) key, any time. */
    public static StringValuePattern sinceReadThrough(String object, List<String> fields) {
        String query = Soql.incremental(object, fields, new Checkpoint(Instant.EPOCH, ""), true);
        Matcher time = Pattern.compile(DATETIME).matcher(query);
        if (!time.find()) {
            throw new IllegalStateException("an incremental query without a datetime: " + query);
        }
        return matching(Pattern.quote(query.substring(0, time.start())) + DATETIME + Pattern.quote(query.substring(time.end())));
    }

    /** The time the last queryAll read changes since ({@code SystemModstamp >= t}). */
    public Instant lastQueriedSince() {
        List<LoggedRequest> queries = server.findAll(getRequestedFor(urlPathMatching(DATA + "/queryAll/?")));
        Matcher since = Pattern.compile("SystemModstamp >= (" + DATETIME + ")")
                .matcher(queries.get(queries.size() - 1).queryParameter("q").firstValue());
        if (!since.find()) {
            throw new AssertionError("the last queryAll reads from no time: " + queries.get(queries.size() - 1).getUrl());
        }
        return Instant.parse(since.group(1));
    }

    /** Answers {@code GET /query?q=<soql>} (live records only) and its follow-on pages with these records. */
    public void stubQuery(String soql, List<ObjectNode> records) {
        stubPages(get(urlPathMatching(DATA + "/query/?")).withQueryParam("q", equalTo(soql)), records, 0, 40);
    }

    private void stubPages(MappingBuilder first, List<ObjectNode> records, int from, int apiRequestsUsed) {
        int to = Math.min(records.size(), from + PAGE);
        ObjectNode page = JSON.createObjectNode();
        page.put("totalSize", records.size());
        page.put("done", to == records.size());
        String next = null;
        if (to < records.size()) {
            next = DATA + "/query/01gB000003OCx" + (locators++) + "IA1-" + to;
            page.put("nextRecordsUrl", next);
        }
        ArrayNode array = page.putArray("records");
        records.subList(from, to).forEach(array::add);
        server.stubFor(first.willReturn(json(200, page.toString(), apiRequestsUsed)));
        if (next != null) {
            stubPages(get(urlPathEqualTo(next)), records, to, apiRequestsUsed);
        }
    }

    /** A JSON answer with the org's API usage header, as every REST resource sends it. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return json(status, body, 40);
    }

    public static ResponseDefinitionBuilder json(int status, String body, int apiRequestsUsed) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("Sforce-Limit-Info", "api-usage=" + apiRequestsUsed + "/15000").withBody(body);
    }

    /** A REST error as Salesforce answers it: an array of {message, errorCode}. */
    public static ResponseDefinitionBuilder error(int status, String errorCode, String message) {
        return json(status, "[{\"message\":\"%s\",\"errorCode\":\"%s\"}]".formatted(message, errorCode));
    }

    /** An Account as the REST API returns it. */
    public static ObjectNode account(String id, Instant modstamp, String name, boolean deleted) {
        ObjectNode record = JSON.createObjectNode();
        record.putObject("attributes").put("type", "Account").put("url", DATA + "/sobjects/Account/" + id);
        record.put("Id", id);
        record.put("SystemModstamp", MODSTAMP.format(modstamp));
        record.put("IsDeleted", deleted);
        record.put("Name", name);
        record.put("Website", "https://" + name.toLowerCase().replace(' ', '-') + ".example.com");
        return record;
    }

    /** An 18-character id, ordered like the index. */
    public static String accountId(int index) {
        return "001B0000%07dAAA".formatted(index);
    }

    /** A recorded fixture (WireMock mapping file) with the recording client's header matchers removed. */
    public void stubRecorded(String fixture) {
        ObjectNode mapping = recorded(fixture);
        ((ObjectNode) mapping.get("request")).remove("headers");
        server.addStubMapping(StubMapping.buildFrom(mapping.toString()));
    }

    /** A fixture recorded from a real org (src/test/resources/com/partnersync/salesforce), as text. */
    public static String fixture(String name) {
        try (InputStream in = SalesforceFake.class.getResourceAsStream("/com/partnersync/salesforce/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response body of a recorded fixture. */
    public static String recordedBody(String fixture) {
        return recorded(fixture).path("response").path("body").asText();
    }

    private static ObjectNode recorded(String fixture) {
        return (ObjectNode) CrmRecordStore.parse(fixture(fixture));
    }

    // --- sObject Collections write store ---------------------------------------------------------------------

    /** The org's records as written through sObject Collections, by id (or external id for an upsert). */
    public Map<String, Map<String, String>> records() {
        return store.records;
    }

    /** Copies of {@link #records()}. */
    public Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> copy = new HashMap<>();
        store.records.forEach((id, fields) -> copy.put(id, Map.copyOf(fields)));
        return copy;
    }

    /**
     * Makes this record's write answer with a per-record error (success false, errors [{statusCode, message, fields}]):
     * {@code times} < 0 every time, otherwise that many times and then it is written.
     */
    public void fail(String id, String statusCode, String message, String field, int times) {
        store.fail(id, statusCode, message, field, times);
    }

    /** Records per request body (sObject Collections {@code records}), in call order. */
    public List<Integer> batchSizes(String method, String pathRegex) {
        return CrmRecordStore.batchSizes(server, method, pathRegex, "records");
    }

    @Override
    public void close() {
        clients.close();
        super.close();
    }

    /**
     * sObject Collections over a map: PATCH {@code /composite/sobjects} (update by Id) or {@code /<Type>/<Field>}
     * (upsert by that external id) answer one save result per record, in request order; GET {@code /<Type>?ids=&fields=}
     * answers the records in the order asked, null for an id it does not hold.
     */
    private static final class RecordStore extends CrmRecordStore {
        static final String NAME = "salesforce-fake-records";

        private final AtomicInteger upserted = new AtomicInteger();

        RecordStore() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String path = request.getUrl().split("\\?")[0];
            if (request.getMethod().getName().equals("PATCH")) {
                JsonNode body = CrmRecordStore.parse(request.getBodyAsString());
                if (body.get("records").size() > MAX_COLLECTION) {
                    return json(400, "[{\"message\":\"record limit reached. cannot submit more than 200 records into this call\","
                            + "\"errorCode\":\"EXCEEDED_ID_LIMIT\"}]").build();
                }
                boolean upsert = path.length() > COLLECTIONS.length();
                return answer(save(body, upsert ? path.substring(path.lastIndexOf('/') + 1) : null));
            }
            return answer(retrieve(path.substring(path.lastIndexOf('/') + 1), request.queryParameter("ids").firstValue(),
                    request.queryParameter("fields").firstValue()));
        }

        /** Update by Id, or upsert by {@code externalIdField}: its results also say whether the record was {@code created}. */
        private ArrayNode save(JsonNode body, String externalIdField) {
            ArrayNode results = JSON.createArrayNode();
            for (JsonNode record : body.get("records")) {
                String key = record.get(externalIdField == null ? "Id" : externalIdField).asText();
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
                boolean created = !records.containsKey(key);
                Map<String, String> stored = records.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
                record.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("attributes")) {
                        stored.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText());
                    }
                });
                if (externalIdField != null) {
                    // an upsert answers with the record's Salesforce id, a new one when it created the record
                    stored.computeIfAbsent("Id", k -> "a0XFAKE%08dAAA".formatted(created ? upserted.incrementAndGet() : 0));
                }
                result.put("id", stored.getOrDefault("Id", key)).put("success", true).putArray("errors");
                if (externalIdField != null) {
                    result.put("created", created);
                }
            }
            return results;
        }

        private ArrayNode retrieve(String type, String ids, String fields) {
            ArrayNode results = JSON.createArrayNode();
            for (String id : URLDecoder.decode(ids, StandardCharsets.UTF_8).split(",")) {
                Map<String, String> stored = records.get(id);
                if (stored == null) {
                    results.addNull();
                    continue;
                }
                ObjectNode record = results.addObject();
                record.putObject("attributes").put("type", type).put("url", DATA + "/sobjects/" + type + "/" + id);
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

        private static ResponseDefinition answer(JsonNode body) {
            return json(200, body.toString()).build();
        }
    }
}
