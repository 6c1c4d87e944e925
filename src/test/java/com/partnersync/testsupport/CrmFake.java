package com.partnersync.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * What both CRM fakes ({@link SalesforceFake}, {@link HubSpotFake}) offer a test: the WireMock server, and faults for
 * one endpoint that override whatever answers it otherwise (canned pages, the record store, the sandbox simulator).
 */
public abstract class CrmFake implements AfterEachCallback, AutoCloseable {
    private static final AtomicInteger FAULTS = new AtomicInteger();
    private static final String HTML = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
            + "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>";

    public final WireMockServer server;

    CrmFake(WireMockServer server) {
        this.server = server;
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Every call matching {@code request} gets {@code response} until {@link #heal}. */
    public StubMapping answer(MappingBuilder request, ResponseDefinitionBuilder response) {
        return server.stubFor(request.atPriority(1).willReturn(response));
    }

    /** The next {@code times} calls matching {@code request} get {@code response}; later ones the usual answer. */
    public void answer(MappingBuilder request, ResponseDefinitionBuilder response, int times) {
        String scenario = "fault-" + FAULTS.incrementAndGet();
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = scenario + "-answered-" + i;
            // one builder, several stubs: each needs an id of its own
            server.stubFor(request.withId(UUID.randomUUID()).atPriority(1).inScenario(scenario).whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(response));
            state = next;
        }
    }

    /** The endpoint answers as before the fault. */
    public void heal(StubMapping fault) {
        server.removeStub(fault);
    }

    /**
     * A 200 whose body a proxy or a dropped connection spoiled: {@code "html"} an error page from the proxy,
     * {@code "truncated"} the real answer cut off half way.
     */
    public static ResponseDefinitionBuilder malformed(String kind, String realBody) {
        return switch (kind) {
            case "html" -> aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(HTML);
            case "truncated" -> aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8")
                    .withBody(realBody.substring(0, realBody.length() / 2));
            default -> throw new IllegalArgumentException("html or truncated, not " + kind);
        };
    }

    /** Requests with this method whose path matches, e.g. {@code calls("PATCH", SalesforceFake.COLLECTIONS + ".*")}. */
    public int calls(String method, String pathRegex) {
        return CrmRecordStore.requests(server, method, pathRegex).size();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
    }
}
