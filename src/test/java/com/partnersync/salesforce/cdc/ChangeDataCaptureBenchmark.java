package com.partnersync.salesforce.cdc;

import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Change Data Capture against the sandbox org: change -> warehouse row latency at a steady rate, and a burst.
 * Run: {@code mvn -B -Pbench test -Dtest=ChangeDataCaptureBenchmark -Dbench.jvm=-Xmx512m [-Dbench.n=1000]
 * [-Dbench.burst=50000]}.
 */
@Tag("bench")
class ChangeDataCaptureBenchmark {
    private static final int N = Integer.getInteger("bench.n", 1_000);
    private static final int BURST = Integer.getInteger("bench.burst", 50_000);

    private static List<String> opportunities(SandboxDataset dataset, int count) {
        return dataset.pageAfter(Crm.SALESFORCE, "Opportunity", null, null, null, count, false).stream()
                .map(SandboxRecord::id).toList();
    }

    /** N changes at 10/s, each to another Opportunity: from dataset.update to the row's commit. */
    @Test
    void changeToWarehouseRowLatencyAt10ChangesPerSecond() throws Exception {
        TestDatabase.truncateAll();
        SandboxDataset dataset = SandboxDataset.builder().count(Crm.SALESFORCE, "Opportunity", N + N / 10 + 20L).build();
        Map<String, Long> changedAt = new ConcurrentHashMap<>();
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        try (CdcRig rig = new CdcRig(dataset)) {
            rig.startSubscriber(applied -> {
                long now = System.nanoTime();
                applied.recordIds().getOrDefault("Opportunity", java.util.Set.of()).forEach(id -> committedAt.putIfAbsent(id, now));
            });
            List<String> ids = opportunities(dataset, N);
            long start = System.nanoTime();
            for (int i = 0; i < N; i++) {
                long due = start + i * 100_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                changedAt.put(ids.get(i), System.nanoTime());
                dataset.update(Crm.SALESFORCE, "Opportunity", ids.get(i), Map.of("Name", "Bench change " + i));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> committedAt.keySet().containsAll(ids));
            List<Long> millis = new ArrayList<>();
            ids.forEach(id -> millis.add((committedAt.get(id) - changedAt.get(id)) / 1_000_000));
            millis.sort(Long::compare);
            System.out.printf("CDC change -> warehouse row, %d changes at 10/s: p50 %d ms, p95 %d ms, max %d ms%n",
                    N, millis.get(N / 2), millis.get((int) (N * 0.95)), millis.get(N - 1));
            Map<String, String> names = new HashMap<>();
            TestDatabase.jdbc().query("select source_id, name from opportunity", rs -> {
                names.put(rs.getString(1), rs.getString(2));
            });
            for (int i = 0; i < N; i++) {
                assertThat(names.get(ids.get(i))).isEqualTo("Bench change " + i);
            }
        }
    }

    /** BURST changes within a minute: the stream keeps up or polls, nothing is lost, the heap stays bounded. */
    @Test
    void burstOfChangesInOneMinuteLosesNothing() throws Exception {
        TestDatabase.truncateAll();
        SandboxDataset dataset = SandboxDataset.builder().count(Crm.SALESFORCE, "Opportunity", 20_000).build();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        try (CdcRig rig = new CdcRig(dataset)) {
            rig.startSubscriber(applied -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max));
            List<String> ids = opportunities(dataset, 20_000);
            long start = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                long due = start + i * (60_000_000_000L / BURST);
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                dataset.update(Crm.SALESFORCE, "Opportunity", ids.get(i % ids.size()), Map.of("Name", "Burst " + i));
                peakHeap.accumulateAndGet(i % 1000 == 0 ? memory.getHeapMemoryUsage().getUsed() : 0, Math::max);
            }
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            long published = rig.pubSub().published();
            await().atMost(Duration.ofMinutes(5)).until(() -> rig.stream().applied() >= published);
            double drainedSeconds = (System.nanoTime() - start) / 1e9;
            int wrong = 0;
            // planted malformed records never load (their errors are in sync_error), whatever path reads them
            java.util.Set<String> refused = new java.util.HashSet<>(TestDatabase.jdbc().queryForList(
                    "select record_id from sync_error where object = 'Opportunity'", String.class));
            Map<String, String> names = new HashMap<>();
            TestDatabase.jdbc().query("select source_id, name from opportunity", rs -> {
                names.put(rs.getString(1), rs.getString(2));
            });
            for (String id : ids) {
                if (refused.contains(id)) {
                    continue;
                }
                Object expected = dataset.record(Crm.SALESFORCE, "Opportunity", id).orElseThrow().fields().get("Name");
                if (!expected.equals(names.get(id))) {
                    wrong++;
                }
            }
            System.out.printf("CDC burst: %d changes published in %.1f s, all applied after %.1f s, polls %d, "
                            + "rows differing from the CRM %d of %d (%d in sync_error), peak heap %d MB (max %d MB)%n",
                    published, publishSeconds, drainedSeconds, rig.polls.size(), wrong, ids.size(), refused.size(),
                    peakHeap.get() >> 20,
                    memory.getHeapMemoryUsage().getMax() >> 20);
            assertThat(wrong).isZero();
        }
    }
}
