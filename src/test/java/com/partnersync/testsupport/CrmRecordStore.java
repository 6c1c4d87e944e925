package com.partnersync.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records a fake CRM holds as its write API stored them (id to field values), and the per-record errors a test
 * asked it to answer with instead; the subclass speaks that CRM's write API as a WireMock transformer.
 */
abstract class CrmRecordStore implements ResponseDefinitionTransformerV2 {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A per-record CRM error; {@code times} < 0 fails every time, otherwise that many times then succeeds. */
    record Failure(String code, String message, String field, int times) {
    }

    final Map<String, Map<String, String>> records = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final String name;

    CrmRecordStore(String name) {
        this.name = name;
    }

    void fail(String id, String code, String message, String field, int times) {
        failures.put(id, new Failure(code, message, field, times));
    }

    /** The error this record's write answers with now, or null once it has been answered {@code times} times. */
    Failure failure(String id) {
        Failure failure = failures.get(id);
        if (failure == null || failure.times() == 0) {
            return null;
        }
        if (failure.times() > 0) {
            failures.put(id, new Failure(failure.code(), failure.message(), failure.field(), failure.times() - 1));
        }
        return failure;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** Logged requests with this method whose path matches, oldest first. */
    static List<LoggedRequest> requests(WireMockServer server, String method, String pathRegex) {
        List<LoggedRequest> newestFirst = new ArrayList<>(server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().split("\\?")[0].matches(pathRegex)).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The number of elements of this array field in each matching request body, oldest first. */
    static List<Integer> batchSizes(WireMockServer server, String method, String pathRegex, String arrayField) {
        return requests(server, method, pathRegex).stream().map(r -> parse(r.getBodyAsString()).get(arrayField).size()).toList();
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
