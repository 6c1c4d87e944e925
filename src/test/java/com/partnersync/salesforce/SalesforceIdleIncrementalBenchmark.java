package com.partnersync.salesforce;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.sandbox.salesforce.SalesforceSimulator;
import com.partnersync.testsupport.MutableClock;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -B -Pbench test -Dtest=SalesforceIdleIncrementalBenchmark [-Dbench.n=20000] [-Dbench.scale=0.3]}: what
 * incrementals cost in data calls per object against the Salesforce simulator (default settings: 60 s look-back,
 * 2,000-record pages), the org's clock stepped 10 minutes between runs: after a full load, idle runs, then a
 * write-back-sized burst of N Opportunity changes (stamped by the org's clock like a write-back's), its echo run and
 * the idle run after it; last, for comparison, that idle run as before read-through times (from the newest record
 * less the look-back). The goal (issue 11): at most 1 data call per object when idle, the echo read once.
 */
@Tag("bench")
class SalesforceIdleIncrementalBenchmark {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    @Test
    void idleAndEchoCallsPerObject() {
        int n = Integer.getInteger("bench.n", 20_000);
        double scale = Double.parseDouble(System.getProperty("bench.scale", "0.3"));
        TestDatabase.truncateAll();
        MappingSet mappings = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
        MutableClock orgClock = new MutableClock(SandboxDataset.DEFAULT_AS_OF);
        SandboxDataset dataset = SandboxDataset.builder().scale(scale).count(Crm.SALESFORCE, "Opportunity", n + n / 4)
                .clock(orgClock).build();
        try (SandboxServer sandbox = SandboxServer.start(dataset, List.of(new SalesforceSimulator(0)), 0)) {
            SalesforceProperties properties = SandboxOrgProperties.of(sandbox.baseUrl(), "bulk-poll-interval", "50ms");
            SalesforceSync sync = new SalesforceSync(salesforce.open(properties), mappings, new WarehouseWriter(TestDatabase.dataSource()),
                    new CheckpointStore(TestDatabase.dataSource()), properties);
            List<String> objects = mappings.objects("salesforce");

            Map<String, ObjectSummary> full = runAll(sync, objects, orgClock, 0);
            Map<String, ObjectSummary> firstIdle = runAll(sync, objects, orgClock, 10);
            Map<String, ObjectSummary> idle = runAll(sync, objects, orgClock, 20);
            orgClock.set(SandboxDataset.DEFAULT_AS_OF.plus(Duration.ofMinutes(25)));
            List<SandboxRecord> written = dataset.pageAfter(Crm.SALESFORCE, "Opportunity", null, null, null, n, false);
            written.forEach(r -> dataset.update(Crm.SALESFORCE, "Opportunity", r.id(), Map.of("Description", "written back")));
            Map<String, ObjectSummary> echo = runAll(sync, objects, orgClock, 30);
            Map<String, ObjectSummary> afterEcho = runAll(sync, objects, orgClock, 40);
            // the same idle run as before read-through times existed: from the newest record less the look-back
            TestDatabase.jdbc().update("update sync_checkpoint set read_through = null where source_system = 'salesforce'");
            Map<String, ObjectSummary> lookBackOnly = runAll(sync, objects, orgClock, 50);

            System.out.printf("BENCH salesforce incremental data calls per object (records read), look-back %s,"
                    + " write-back of %,d Opportunities%n", properties.lookBack(), written.size());
            System.out.printf("BENCH %-24s %12s %12s %12s %14s %12s %18s%n", "object", "full load", "1st idle", "idle",
                    "echo", "after echo", "look-back only");
            for (String object : objects) {
                System.out.printf("BENCH %-24s %12s %12s %12s %14s %12s %18s%n", object, cell(full.get(object)),
                        cell(firstIdle.get(object)), cell(idle.get(object)), cell(echo.get(object)), cell(afterEcho.get(object)),
                        cell(lookBackOnly.get(object)));
            }
            long idleCalls = idle.values().stream().mapToLong(ObjectSummary::apiCalls).sum();
            long afterEchoCalls = afterEcho.values().stream().mapToLong(ObjectSummary::apiCalls).sum();
            System.out.printf("BENCH idle: %d data calls for %d objects (%.2f per object); after the echo: %.2f per object;"
                    + " write-back of %,d: the echo run read %,d Opportunities in %d calls (minimum ceil(N/2000) = %d),"
                    + " the run after it %d%n", idleCalls, objects.size(), (double) idleCalls / objects.size(),
                    (double) afterEchoCalls / objects.size(), written.size(), echo.get("Opportunity").read(),
                    echo.get("Opportunity").apiCalls(), (written.size() + 1999) / 2000, afterEcho.get("Opportunity").read());
            assertThat(idle.values()).allSatisfy(s -> assertThat(s.apiCalls()).isLessThanOrEqualTo(1));
            assertThat(afterEcho.values()).allSatisfy(s -> assertThat(s.read()).isZero());
        }
    }

    private static Map<String, ObjectSummary> runAll(SalesforceSync sync, List<String> objects, MutableClock orgClock,
                                                     int minutes) {
        orgClock.set(SandboxDataset.DEFAULT_AS_OF.plus(Duration.ofMinutes(minutes)));
        Map<String, ObjectSummary> summaries = new LinkedHashMap<>();
        for (String object : objects) {
            ObjectSummary summary = sync.sync(object, 0);
            assertThat(summary.status()).as(object).isEqualTo(RunStatus.SUCCEEDED);
            summaries.put(object, summary);
        }
        return summaries;
    }

    private static String cell(ObjectSummary summary) {
        return summary.apiCalls() + " (" + summary.read() + ")";
    }
}
