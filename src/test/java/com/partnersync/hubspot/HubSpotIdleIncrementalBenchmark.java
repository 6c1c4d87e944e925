package com.partnersync.hubspot;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -B -Pbench test -Dtest=HubSpotIdleIncrementalBenchmark [-Dbench.n=5000] [-Dbench.scale=0.3]}: what
 * incrementals cost in calls per object against the HubSpot simulator (its answers dated by the real clock; look-back
 * 1 s instead of the default 5 min so the runs can follow each other within seconds): after a full load, an idle run,
 * then N deal changes stamped like a write-back's, the echo run and the idle run after it; last, for comparison, that
 * idle run as before read-through times (from the newest record less the look-back). The archived list, which is how
 * HubSpot tells of deletions, is paged at the default archived-scan-interval (1 h): by the first incremental after the
 * full load (never walked yet), not by the idle runs after it.
 */
@Tag("bench")
class HubSpotIdleIncrementalBenchmark {
    private static final HubSpotSimulatorTransformer.Limits GENEROUS =
            new HubSpotSimulatorTransformer.Limits(100_000, 10_000, 1000, 10_000_000);

    @Test
    void idleAndEchoCallsPerObject() throws InterruptedException {
        int n = Integer.getInteger("bench.n", 5_000);
        double scale = Double.parseDouble(System.getProperty("bench.scale", "0.3"));
        TestDatabase.truncateAll();
        SandboxDataset data = SandboxDataset.builder().scale(scale).count(Crm.HUBSPOT, "deals", n + n / 4).build();
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, GENEROUS, "archived-scan-interval", "1h")) {
            long settle = rig.properties.lookBack().toMillis() + 1300;
            List<String> objects = HubSpotTestRig.MAPPINGS.objects("hubspot");

            Map<String, ObjectSummary> full = runAll(rig, objects);
            Thread.sleep(settle);
            Map<String, ObjectSummary> firstIdle = runAll(rig, objects);
            Thread.sleep(settle);
            Map<String, ObjectSummary> idle = runAll(rig, objects);
            List<SandboxRecord> written = data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, n, false);
            written.forEach(r -> data.update(Crm.HUBSPOT, "deals", r.id(), Map.of("description", "written back")));
            Thread.sleep(settle);
            Map<String, ObjectSummary> echo = runAll(rig, objects);
            Thread.sleep(settle);
            Map<String, ObjectSummary> afterEcho = runAll(rig, objects);
            TestDatabase.jdbc().update("update sync_checkpoint set read_through = null where source_system = 'hubspot'");
            Map<String, ObjectSummary> lookBackOnly = runAll(rig, objects);

            System.out.printf("BENCH hubspot incremental calls per object (records read), look-back %s, write-back of"
                    + " %,d deals%n", rig.properties.lookBack(), written.size());
            System.out.printf("BENCH %-12s %14s %10s %10s %10s %14s %12s %16s%n", "object", "full load", "archived",
                    "1st idle", "idle", "echo", "after echo", "look-back only");
            long idleCalls = 0;
            long archivedPages = 0;
            for (String object : objects) {
                long archived = data.count(Crm.HUBSPOT, object, true) - data.count(Crm.HUBSPOT, object, false);
                long pages = Math.max(1, (archived + 99) / 100);
                idleCalls += idle.get(object).apiCalls();
                archivedPages += pages;
                System.out.printf("BENCH %-12s %14s %10s %10s %10s %14s %12s %16s%n", object, cell(full.get(object)),
                        archived + " in " + pages, cell(firstIdle.get(object)), cell(idle.get(object)),
                        cell(echo.get(object)), cell(afterEcho.get(object)), cell(lookBackOnly.get(object)));
            }
            System.out.printf("BENCH idle: %d calls for %d objects (1 search each); the 1st idle run also paged the"
                    + " archived list (%d pages); write-back of %,d: the echo run read %,d deals in %d calls, the run"
                    + " after it %d changed deals%n", idleCalls, objects.size(), archivedPages, written.size(),
                    echo.get("deals").read(), echo.get("deals").apiCalls(), afterEcho.get("deals").read());
            for (String object : objects) {
                long archived = data.count(Crm.HUBSPOT, object, true) - data.count(Crm.HUBSPOT, object, false);
                assertThat(firstIdle.get(object).apiCalls()).as(object).isEqualTo(1 + Math.max(1, (archived + 99) / 100));
                assertThat(idle.get(object).apiCalls()).as(object).isEqualTo(1);
                assertThat(afterEcho.get(object).read()).as(object).isZero();
            }
        }
    }

    private static Map<String, ObjectSummary> runAll(HubSpotTestRig rig, List<String> objects) {
        Map<String, ObjectSummary> summaries = new LinkedHashMap<>();
        for (String object : objects) {
            ObjectSummary summary = rig.sync(object);
            assertThat(summary.status()).as(object).isEqualTo(RunStatus.SUCCEEDED);
            summaries.put(object, summary);
        }
        return summaries;
    }

    private static String cell(ObjectSummary summary) {
        return summary.apiCalls() + " (" + summary.read() + ")";
    }
}
