package com.partnersync.salesforce;

import com.partnersync.testsupport.TestSettings;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.sandbox.salesforce.SalesforceSimulator;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -B -Pbench test -Dtest=SalesforceSyncBenchmark [-Dbench.n=1000000] [-Dbench.bulk=true]}: syncs N
 * sandbox records (half Accounts, half Opportunities) into PostgreSQL and prints records/s, the same rows loaded by a
 * raw COPY and the ratio, API calls against the minimum of one call per 2,000 records, and peak heap. By default the
 * REST path is measured (bulk threshold off) since that is what the call minimum describes; bench.bulk=true uses the
 * Bulk API 2.0 path above the default threshold instead.
 */
@Tag("bench")
class SalesforceSyncBenchmark {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final List<String> OBJECTS = List.of("Account", "Opportunity");
    private static final List<String> TABLES = List.of("account", "opportunity");

    @Test
    void syncNRecordsAndCompareWithRawCopy() throws Exception {
        int n = Integer.getInteger("bench.n", 1_000_000);
        boolean bulk = Boolean.getBoolean("bench.bulk");
        DataSource db = TestDatabase.dataSource();
        TestDatabase.truncateAll();
        MappingSet mappings = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(db));
        SandboxDataset dataset = SandboxDataset.builder()
                .count(Crm.SALESFORCE, "Account", n / 2).count(Crm.SALESFORCE, "Opportunity", n - n / 2).build();
        SalesforceSimulator simulator = new SalesforceSimulator(0);
        // Its own server without a request journal: a journal keeps every response body, which would be measured
        // as the connector's heap (SandboxServer keeps the last 1,000, about 1 GB of 2,000-record pages).
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().disableRequestJournal()
                .extensions(simulator.extensions(dataset).toArray(Extension[]::new)));
        server.start();
        try {
            simulator.register(server, dataset);
            SalesforceProperties properties = TestSettings.bind(SalesforceProperties.class, "login-url", server.baseUrl(),
                    "client-id", "bench", "username", "bench@sandbox.partner-sync.example", "password", "bench",
                    "bulk-poll-interval", "50ms", "bulk-threshold", bulk ? 10_000 : Integer.MAX_VALUE);
            SalesforceClient client = salesforce.open(properties);
            SalesforceSync sync = new SalesforceSync(client, mappings, new WarehouseWriter(db),
                    new CheckpointStore(db), properties);

            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            AtomicLong peakLive = watchLiveHeap();
            long started = System.nanoTime();
            long read = 0;
            long minimumCalls = 0;
            for (String object : OBJECTS) {
                ObjectSummary summary = sync.sync(object, 0);
                assertThat(summary.status()).as(object).isEqualTo(RunStatus.SUCCEEDED);
                read += summary.read();
                minimumCalls += (summary.read() + 1999) / 2000;
                System.out.println("BENCH " + summary);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            double copySeconds = rawCopySeconds(db);
            long dataCalls = client.apiCalls(); // logins are not counted: they are not API requests

            System.out.printf("BENCH salesforce %s path: %,d records in %.1f s = %,.0f records/s%n",
                    bulk ? "bulk" : "REST", read, seconds, read / seconds);
            System.out.printf("BENCH raw COPY of the same rows: %.1f s = %,.0f rows/s; connector/COPY ratio %.2f%n",
                    copySeconds, read / copySeconds, copySeconds / seconds);
            System.out.printf("BENCH API calls %,d (plus 1 login) vs minimum ceil(N/2000) %,d: %.2f%n",
                    dataCalls, minimumCalls, (double) dataCalls / minimumCalls);
            System.out.printf("BENCH peak heap %,d MB (sum of pool peaks, garbage included), peak heap after any GC %,d MB"
                    + " (young GCs leave old garbage), %,d MB after a full GC at the end (max %,d MB)%n", peakHeap >> 20,
                    peakLive.get() >> 20, retained >> 20, Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            server.stop();
        }
    }

    /** The largest heap in use right after a garbage collection: what the sync keeps alive, as opposed to garbage. */
    private static AtomicLong watchLiveHeap() {
        AtomicLong peak = new AtomicLong();
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                long live = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo()
                        .getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                peak.accumulateAndGet(live, Math::max);
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        return peak;
    }

    /** Dumps the synced tables to files, then times loading them into index-free copies with COPY FROM STDIN. */
    private static double rawCopySeconds(DataSource db) throws Exception {
        double seconds = 0;
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : TABLES) {
                Path file = Files.createTempFile("bench-" + table, ".csv");
                try {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        copy.copyOut("copy " + table + " to stdout with (format csv)", out);
                    }
                    statement.execute("drop table if exists bench_copy_" + table);
                    statement.execute("create table bench_copy_" + table + " (like " + table + " including defaults)");
                    long started = System.nanoTime();
                    try (InputStream in = Files.newInputStream(file)) {
                        copy.copyIn("copy bench_copy_" + table + " from stdin with (format csv)", in);
                    }
                    seconds += (System.nanoTime() - started) / 1e9;
                    statement.execute("drop table bench_copy_" + table);
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        }
        return seconds;
    }
}
