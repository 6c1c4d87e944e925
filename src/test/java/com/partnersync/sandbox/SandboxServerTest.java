package com.partnersync.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SandboxServer plumbing: every SandboxApi's extensions, stubs and client properties over one dataset. */
class SandboxServerTest {

    /** A minimal CRM api: one endpoint answering with a live record count read from the dataset by its extension. */
    static final class CountingApi implements SandboxApi {
        private final String name;
        private final boolean global;

        CountingApi(String name) {
            this(name, false);
        }

        /** {@code global}: its transformer claims every response, as WireMock transformers do by default. */
        CountingApi(String name, boolean global) {
            this.name = name;
            this.global = global;
        }

        @Override
        public List<Extension> extensions(SandboxDataset dataset) {
            return List.of(new ResponseDefinitionTransformerV2() {
                @Override
                public ResponseDefinition transform(ServeEvent serveEvent) {
                    return ResponseDefinition.okForJson(Map.of("leads", dataset.count(Crm.SALESFORCE, "Lead", false)));
                }

                @Override
                public boolean applyGlobally() {
                    return global;
                }

                @Override
                public String getName() {
                    return name + "-count";
                }
            });
        }

        @Override
        public void register(WireMockServer server, SandboxDataset dataset) {
            server.stubFor(WireMock.get("/" + name + "/count").willReturn(WireMock.ok().withTransformers(name + "-count")));
        }

        @Override
        public Map<String, String> clientProperties(String serverBaseUrl) {
            return Map.of("partner-sync." + name + ".base-url", serverBaseUrl + "/" + name, "partner-sync.shared", name);
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().replaceAll("\\s", "");
    }

    @Test
    void servesEveryApiOverOneDatasetAndMergesTheirClientProperties() throws Exception {
        SandboxDataset dataset = SandboxDataset.builder().build();
        long leads = dataset.count(Crm.SALESFORCE, "Lead", false);
        try (SandboxServer server = SandboxServer.start(dataset, List.of(new CountingApi("one"), new CountingApi("two")), 0)) {
            assertThat(server.baseUrl()).isEqualTo("http://localhost:" + server.port());
            assertThat(get(server.baseUrl() + "/one/count")).isEqualTo("200 {\"leads\":" + leads + "}");
            assertThat(get(server.baseUrl() + "/two/count")).isEqualTo("200 {\"leads\":" + leads + "}");
            assertThat(server.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "partner-sync.one.base-url", server.baseUrl() + "/one",
                    "partner-sync.two.base-url", server.baseUrl() + "/two",
                    "partner-sync.shared", "two"));
        }
    }

    @Test
    void aGloballyDeclaredTransformerDoesNotAnswerTheOtherApisRequests() throws Exception {
        try (SandboxServer server = SandboxServer.start(SandboxDataset.builder().build(),
                List.of(new CountingApi("one", true)), 0)) {
            server.wireMock().stubFor(WireMock.get("/other").willReturn(WireMock.ok("other CRM")));
            assertThat(get(server.baseUrl() + "/other")).isEqualTo("200 otherCRM");
            assertThat(get(server.baseUrl() + "/one/count")).startsWith("200 {\"leads\":");
        }
    }

    @Test
    void startsWithNoApiOnTheClasspathAndStopsOnClose() throws Exception {
        SandboxServer server = SandboxServer.start(SandboxDataset.builder().build(), 0);
        // the CRM simulators on the classpath, each found once (new instances per discovery, so compare classes)
        assertThat(server.apis()).extracting(Object::getClass)
                .isEqualTo(SandboxServer.discoverApis().stream().map(Object::getClass).toList());
        assertThat(get(server.baseUrl() + "/services/data")).startsWith("404");
        server.close();
        assertThat(server.wireMock().isRunning()).isFalse();
    }
}
