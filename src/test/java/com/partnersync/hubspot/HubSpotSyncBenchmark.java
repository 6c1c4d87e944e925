package com.partnersync.hubspot;

import com.partnersync.testsupport.MutableClock;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mvn -B -Pbench test -Dtest=HubSpotSyncBenchmark -Dbench.n=10000}: N companies and N deals from the sandbox,
 * whose simulator enforces a Pro private app's 190 requests / 10 s and 5 searches / s, with the client at its
 * production settings. Phase 1 is the full load (list + associations), phase 2 changes every deal and syncs them
 * incrementally (search + associations + archived list). Prints throughput, calls against the minimum, 429s and the
 * share of the allowed request rate used; asserts no timings.
 */
@Tag("bench")
class HubSpotSyncBenchmark {
    private static final double ALLOWED_PER_SECOND = 190 / 10.0;

    @Test
    void dealsAndCompaniesFromTheRateLimitedSandbox() {
        int n = Integer.getInteger("bench.n", 10_000);
        TestDatabase.truncateAll();
        MutableClock clock = new MutableClock(SandboxDataset.DEFAULT_AS_OF);
        SandboxDataset data = SandboxDataset.builder().count(Crm.HUBSPOT, "companies", n).count(Crm.HUBSPOT, "deals", n)
                .clock(clock).build();
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulatorAtDefaultSettings(data,
                HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO)) {
            long liveCompanies = data.count(Crm.HUBSPOT, "companies", false);
            long liveDeals = data.count(Crm.HUBSPOT, "deals", false);
            long archivedDeals = data.count(Crm.HUBSPOT, "deals", true) - liveDeals;
            System.out.printf(Locale.ROOT, "%nHubSpot sync benchmark: N=%d (%d live companies, %d live deals)%n", n, liveCompanies, liveDeals);
            System.out.printf(Locale.ROOT, "%-12s %9s %8s %10s %7s %8s %6s %10s%n",
                    "phase", "records", "seconds", "records/s", "calls", "minimum", "429s", "rate used");

            phase(rig, "full load", () -> rig.syncTogether("companies", "deals"),
                    ceil(liveCompanies, 100) + ceil(liveDeals, 100) + 2 * ceil(liveDeals, 1000));

            List<String> ids = data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, Integer.MAX_VALUE, false)
                    .stream().map(SandboxRecord::id).toList();
            // ten deals per millisecond, all after the deals' full-load checkpoint and before the incremental run starts
            Instant changedAt = Instant.now().minusMillis(ids.size() / 10 + 500);
            for (int i = 0; i < ids.size(); i++) {
                clock.set(changedAt.plusMillis(i / 10));
                data.update(Crm.HUBSPOT, "deals", ids.get(i), Map.of("description", "changed"));
            }
            phase(rig, "incremental", () -> rig.syncTogether("deals"),
                    ceil(liveDeals, 200) + 2 * ceil(liveDeals, 1000) + ceil(archivedDeals, 100));
        }
    }

    private static void phase(HubSpotTestRig rig, String name, java.util.function.Supplier<List<ObjectSummary>> run, long minimum) {
        long calls = rig.client.calls();
        long limited = rig.client.rateLimited();
        long started = System.nanoTime();
        List<ObjectSummary> summaries = run.get();
        double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
        long records = summaries.stream().mapToLong(ObjectSummary::read).sum();
        long used = rig.client.calls() - calls;
        summaries.stream().filter(s -> !s.status().equals("SUCCEEDED")).forEach(s -> System.out.println("  " + s));
        System.out.printf(Locale.ROOT, "%-12s %9d %8.1f %10.0f %7d %8d %6d %9.0f%%%n", name, records, seconds, records / seconds,
                used, minimum, rig.client.rateLimited() - limited, 100.0 * used / (seconds * ALLOWED_PER_SECOND));
    }

    private static long ceil(long n, long per) {
        return (n + per - 1) / per;
    }
}
