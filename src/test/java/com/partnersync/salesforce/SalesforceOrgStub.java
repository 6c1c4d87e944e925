package com.partnersync.salesforce;

import java.util.Map;
import java.util.LinkedHashMap;
import com.partnersync.testsupport.TestSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.testsupport.HttpDateHeader;
import com.partnersync.testsupport.MutableClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A WireMock Salesforce org for tests: the OAuth token endpoint, the sObject Describe of Account and Opportunity, and
 * query/queryAll responses in the shapes recorded from a real org (fixtures beside this class), cut into 2,000-record
 * pages linked by {@code nextRecordsUrl}; every answer carries the org's clock in its {@code Date} header.
 */
final class SalesforceOrgStub implements AutoCloseable {
    static final String VERSION = "62.0";
    static final String TOKEN = "00D000000000000!SESSION_TOKEN_1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATETIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    /** The REST API's datetime form: milliseconds and an offset without a colon. */
    private static final DateTimeFormatter MODSTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    /** The org's clock: every answer's Date header (the real time unless a test sets it). */
    final MutableClock clock = new MutableClock(Instant.now());
    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .extensions(new HttpDateHeader(clock)));
    private int locators;

    SalesforceOrgStub() {
        server.start();
        stubLogin(TOKEN);
        for (String object : List.of("Account", "Opportunity")) {
            server.stubFor(get(urlPathEqualTo("/services/data/v" + VERSION + "/sobjects/" + object + "/describe"))
                    .willReturn(json(200, fixture("sobjects-" + object + "-describe.json"))));
        }
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** The client's settings for this org; {@code overrides} as for {@code TestSettings.bind}. */
    SalesforceProperties properties(Object... overrides) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("login-url", baseUrl(), "client-id", "3MVG9-test-client",
                "client-secret", "client-secret", "username", "integration@example.com", "password", "password+token",
                "api-version", VERSION, "initial-backoff", "1ms", "bulk-poll-interval", "1ms",
                // resume queries exactly at the checkpoint key; the look-back has its own test
                "look-back", "0s"));
        for (int i = 0; i < overrides.length; i += 2) {
            values.put((String) overrides[i], overrides[i + 1]);
        }
        return TestSettings.bind(SalesforceProperties.class, values);
    }

    void stubLogin(String token) {
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(json(200, """
                {"access_token":"%s","instance_url":"%s","id":"%s/id/00D000000000000EAA/005000000000000AAA",
                 "token_type":"Bearer","issued_at":"1674744610000","signature":"c2lnbmF0dXJl"}"""
                .formatted(token, baseUrl(), baseUrl()))));
    }

    /** Stubs {@code GET /queryAll?q=<soql>} and its follow-on pages. */
    void stubQueryAll(String soql, List<ObjectNode> records) {
        stubQueryAll(soql, records, 40);
    }

    /** As {@link #stubQueryAll(String, List)}, each response reporting this many of the org's 15,000 daily requests used. */
    void stubQueryAll(String soql, List<ObjectNode> records, int apiRequestsUsed) {
        stubPages(get(urlPathMatching("/services/data/v" + VERSION + "/queryAll/?")).withQueryParam("q", equalTo(soql)),
                records, 0, apiRequestsUsed);
    }

    /**
     * Stubs the queryAll an incremental sends after a complete read: every change since its read-through time (the
     * previous read's start by the org's clock, less the look-back). That time depends on the round trip, so any time
     * matches here and {@link #lastQueriedSince()} tells which one was sent.
     */
    void stubQueryAllSinceReadThrough(String object, List<String> fields, List<ObjectNode> records) {
        stubPages(get(urlPathMatching("/services/data/v" + VERSION + "/queryAll/?"))
                .withQueryParam("q", sinceReadThrough(object, fields)), records, 0, 40);
    }

    /** The {@code q} of an ordered incremental queryAll from a time rather than a (time, Id) key, any time. */
    static StringValuePattern sinceReadThrough(String object, List<String> fields) {
        String epoch = Soql.datetime(Instant.EPOCH);
        String[] around = Soql.incremental(object, fields, new Checkpoint(Instant.EPOCH, ""), true).split(Pattern.quote(epoch));
        return matching(Pattern.quote(around[0]) + DATETIME + Pattern.quote(around[1]));
    }

    /** The time the last queryAll read changes since ({@code SystemModstamp >= t}). */
    Instant lastQueriedSince() {
        List<LoggedRequest> queries = server.findAll(getRequestedFor(urlPathMatching("/services/data/v" + VERSION + "/queryAll/?")));
        Matcher since = Pattern.compile("SystemModstamp >= (" + DATETIME + ")")
                .matcher(queries.get(queries.size() - 1).queryParameter("q").firstValue());
        if (!since.find()) {
            throw new AssertionError("the last queryAll reads from no time: " + queries.get(queries.size() - 1).getUrl());
        }
        return Instant.parse(since.group(1));
    }

    /** Stubs {@code GET /query?q=<soql>} (live records only) and its follow-on pages. */
    void stubQuery(String soql, List<ObjectNode> records) {
        stubPages(get(urlPathMatching("/services/data/v" + VERSION + "/query/?")).withQueryParam("q", equalTo(soql)),
                records, 0, 40);
    }

    private void stubPages(MappingBuilder first, List<ObjectNode> records, int from, int apiRequestsUsed) {
        int to = Math.min(records.size(), from + 2000);
        ObjectNode page = JSON.createObjectNode();
        page.put("totalSize", records.size());
        page.put("done", to == records.size());
        String next = null;
        if (to < records.size()) {
            next = "/services/data/v" + VERSION + "/query/01gB000003OCx" + (locators++) + "IA1-" + to;
            page.put("nextRecordsUrl", next);
        }
        ArrayNode array = page.putArray("records");
        records.subList(from, to).forEach(array::add);
        server.stubFor(first.willReturn(json(200, page.toString(), apiRequestsUsed)));
        if (next != null) {
            stubPages(get(urlPathEqualTo(next)), records, to, apiRequestsUsed);
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return json(status, body, 40);
    }

    static ResponseDefinitionBuilder json(int status, String body, int apiRequestsUsed) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("Sforce-Limit-Info", "api-usage=" + apiRequestsUsed + "/15000").withBody(body);
    }

    /** An Account as the REST API returns it. */
    static ObjectNode account(String id, Instant modstamp, String name, boolean deleted) {
        ObjectNode record = JSON.createObjectNode();
        record.putObject("attributes").put("type", "Account")
                .put("url", "/services/data/v" + VERSION + "/sobjects/Account/" + id);
        record.put("Id", id);
        record.put("SystemModstamp", MODSTAMP.format(modstamp));
        record.put("IsDeleted", deleted);
        record.put("Name", name);
        record.put("Website", "https://" + name.toLowerCase().replace(' ', '-') + ".example.com");
        return record;
    }

    /** An 18-character id, ordered like the index. */
    static String accountId(int index) {
        return "001B0000%07dAAA".formatted(index);
    }

    /** A recorded fixture (WireMock mapping file) with the recording client's header matchers removed. */
    void stubRecorded(String fixture) {
        ObjectNode mapping = recorded(fixture);
        ((ObjectNode) mapping.get("request")).remove("headers");
        server.addStubMapping(StubMapping.buildFrom(mapping.toString()));
    }

    /** A fixture file beside the tests (src/test/resources/com/partnersync/salesforce), as text. */
    static String fixture(String name) {
        try (InputStream in = SalesforceOrgStub.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response body of a recorded fixture. */
    static String recordedBody(String fixture) {
        return recorded(fixture).path("response").path("body").asText();
    }

    private static ObjectNode recorded(String fixture) {
        try (InputStream in = SalesforceOrgStub.class.getResourceAsStream(fixture)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
