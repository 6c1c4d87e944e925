package com.partnersync.hubspot;

import com.partnersync.sync.CrmSource;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import com.partnersync.sync.ObjectSync;
import com.partnersync.testsupport.SourceRoutes;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.testsupport.HubSpotFake;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link HubSpotFake} (plain stubs, or the sandbox simulator) and the real HubSpot source against it: client,
 * routes in a Camel context, shipped mappings, embedded PostgreSQL. Waits are shortened to milliseconds.
 */
class HubSpotTestRig implements AutoCloseable {
    static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));

    final HubSpotFake fake;
    final WireMockServer server;
    /** Waits shortened and client-side limits lifted, so the real retry paths run in milliseconds. */
    private static final Map<String, Object> FAST = Map.of("secondly-wait", "20ms", "locked-wait", "20ms",
            "backoff-initial", "5ms", "backoff-max", "40ms", "searches-per-second", 1000, "requests-per-interval", 10_000,
            "look-back", "1s", "archived-scan-interval", "0s");
    final HubSpotProperties properties;
    final HubSpotClient client;
    final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.dataSource());
    final ListCursorStore cursors = new ListCursorStore(TestDatabase.dataSource());
    /** The source under test, wired as HubSpotConfig wires it: HubSpotPageReader behind the crm-object routes. */
    final HubSpotPageReader reader;
    final ObjectSync<HubSpotPageReader.Read, HubSpotPageReader.Batch> objectSync;
    private final CrmSource source;
    private final DefaultCamelContext camel = new DefaultCamelContext();

    /** @param settings {@code partner-sync.hubspot.*} keys and values over the fast test settings */
    static HubSpotTestRig withStubs(Object... settings) {
        return new HubSpotTestRig(null, null, FAST, settings);
    }

    static HubSpotTestRig withSimulator(SandboxDataset data, HubSpotSimulatorTransformer.Limits limits, Object... settings) {
        return new HubSpotTestRig(data, limits, FAST, settings);
    }

    /** The settings a deployment runs with (the defaults), not the fast ones. */
    static HubSpotTestRig withSimulatorAtDefaultSettings(SandboxDataset data, HubSpotSimulatorTransformer.Limits limits) {
        return new HubSpotTestRig(data, limits, Map.of());
    }

    private HubSpotTestRig(SandboxDataset data, HubSpotSimulatorTransformer.Limits limits, Map<String, Object> base,
                           Object... settings) {
        fake = data == null ? new HubSpotFake() : HubSpotFake.over(data, limits);
        server = fake.server;
        Map<String, Object> values = new HashMap<>(base);
        values.put("base-url", server.baseUrl());
        values.put("access-token", "pat-na1-test-token");
        for (int i = 0; i < settings.length; i += 2) {
            values.put((String) settings[i], settings[i + 1]);
        }
        properties = TestSettings.bind(HubSpotProperties.class, values);
        client = new HubSpotClient(properties, CrmMonitor.unmonitored("hubspot"));
        reader = HubSpotConfig.reader(client, properties, checkpoints, cursors, MAPPINGS, Clock.systemUTC());
        objectSync = new ObjectSync<>(reader, MAPPINGS::map, new WarehouseWriter(TestDatabase.dataSource()));
        source = HubSpotConfig.source(objectSync, MAPPINGS, camel.createProducerTemplate(), properties);
        SourceRoutes.start(camel, source);
    }

    /** Runs one object's route, as the sync cycle does for every object. */
    ObjectSummary sync(String object) {
        return source.sync(object, 0L);
    }

    /** Syncs these objects as the application does ({@link CrmSource#syncAll}): all routes at once. */
    List<ObjectSummary> syncTogether(String... objects) {
        ExecutorService threads = Executors.newFixedThreadPool(objects.length);
        try {
            List<CompletableFuture<ObjectSummary>> running = Arrays.stream(objects)
                    .map(object -> CompletableFuture.supplyAsync(() -> sync(object), threads)).toList();
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }

    @Override
    public void close() {
        camel.stop();
        fake.close();
    }
}
