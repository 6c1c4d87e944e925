package com.partnersync.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The sandbox CRMs on one WireMock server: every {@link SandboxApi} contributes its extensions and stubs over one
 * shared {@link SandboxDataset}. With no SandboxApi available the server still starts (and answers 404).
 */
public final class SandboxServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);
    /** Recent requests kept for inspection; bounded so a long benchmark does not grow the heap. */
    private static final int REQUEST_JOURNAL_ENTRIES = 1_000;

    private final SandboxDataset dataset;
    private final List<SandboxApi> apis;
    private final WireMockServer server;

    private SandboxServer(SandboxDataset dataset, List<SandboxApi> apis, int port) {
        this.dataset = dataset;
        this.apis = List.copyOf(apis);
        List<Extension> extensions = new ArrayList<>();
        for (SandboxApi api : this.apis) {
            api.extensions(dataset).forEach(extension -> extensions.add(scoped(extension)));
        }
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .maxRequestJournalEntries(REQUEST_JOURNAL_ENTRIES)
                .notifier(new Slf4jNotifier(false))
                .extensions(extensions.toArray(Extension[]::new));
        options = port == 0 ? options.dynamicPort() : options.port(port);
        this.server = new WireMockServer(options);
    }

    /**
     * Two CRMs share this server, so a response transformer must only touch the stubs that name it: one applied
     * globally (WireMock's default) would answer the other CRM's requests too.
     */
    private static Extension scoped(Extension extension) {
        if (!(extension instanceof ResponseDefinitionTransformerV2 transformer) || !transformer.applyGlobally()) {
            return extension;
        }
        log.warn("sandbox: transformer '{}' applies globally; restricting it to the stubs that name it", transformer.getName());
        return new ResponseDefinitionTransformerV2() {
            @Override
            public ResponseDefinition transform(ServeEvent serveEvent) {
                return transformer.transform(serveEvent);
            }

            @Override
            public boolean applyGlobally() {
                return false;
            }

            @Override
            public String getName() {
                return transformer.getName();
            }

            @Override
            public void start() {
                transformer.start();
            }

            @Override
            public void stop() {
                transformer.stop();
            }
        };
    }

    /** Starts a server for the SandboxApis found with {@link ServiceLoader}; port 0 picks a free port. */
    public static SandboxServer start(SandboxDataset dataset, int port) {
        return start(dataset, discoverApis(), port);
    }

    public static SandboxServer start(SandboxDataset dataset, List<SandboxApi> apis, int port) {
        SandboxServer sandbox = new SandboxServer(dataset, apis, port);
        sandbox.server.start();
        try {
            for (SandboxApi api : sandbox.apis) {
                api.register(sandbox.server, dataset);
            }
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    public static List<SandboxApi> discoverApis() {
        List<SandboxApi> apis = new ArrayList<>();
        ServiceLoader.load(SandboxApi.class).forEach(apis::add);
        return apis;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public SandboxDataset dataset() {
        return dataset;
    }

    public List<SandboxApi> apis() {
        return apis;
    }

    /** The underlying server, for tests that add stubs (e.g. an injected error) or verify requests. */
    public WireMockServer wireMock() {
        return server;
    }

    /** Spring properties pointing every CRM client at this server, merged from all apis (a later api wins a clash). */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (SandboxApi api : apis) {
            properties.putAll(api.clientProperties(baseUrl()));
        }
        return properties;
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }
}
