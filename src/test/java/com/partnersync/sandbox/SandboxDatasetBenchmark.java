package com.partnersync.sandbox;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads every record of a million-Opportunity dataset (plus a million Accounts) in 2,000-record pages and prints the
 * throughput, first-vs-last page cost (constant when paging is O(limit)) and the heap in use after GC.
 * Run: {@code mvn -B -Pbench test -Dtest=SandboxDatasetBenchmark [-Dbench.n=1000000]}.
 */
@Tag("bench")
class SandboxDatasetBenchmark {
    private static final int PAGE = 2_000;

    private static long heapAfterGcMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    @Test
    void pageThroughAMillionOpportunities() {
        int n = Integer.getInteger("bench.n", 1_000_000);
        long heapBefore = heapAfterGcMb();
        long buildStart = System.nanoTime();
        SandboxDataset data = SandboxDataset.builder().count(Crm.SALESFORCE, "Opportunity", n)
                .count(Crm.SALESFORCE, "Account", n).build();
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        long heapBuilt = heapAfterGcMb();

        int pages = (n + PAGE - 1) / PAGE;
        long[] pageNanos = new long[pages + 1];
        Cursor cursor = null;
        long read = 0;
        int page = 0;
        long heapMidway = 0;
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        while (true) {
            long t = System.nanoTime();
            List<SandboxRecord> records = data.pageAfter(Crm.SALESFORCE, "Opportunity", cursor, null, null, PAGE, true);
            if (records.isEmpty()) {
                break;
            }
            pageNanos[page++] = System.nanoTime() - t;
            read += records.size();
            cursor = records.get(records.size() - 1).cursor();
            if (page == pages / 2) {
                heapMidway = heapAfterGcMb();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU time as well: on a shared machine the wall clock mostly measures the other processes
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        assertThat(read).isEqualTo(n);
        int window = Math.min(20, page / 4);
        double first = average(pageNanos, 2, 2 + window);
        double last = average(pageNanos, page - window, page);
        System.out.printf(Locale.ROOT, "SandboxDatasetBenchmark n=%d: build %.2fs, read %d records in %d pages in %.1fs "
                        + "(%.0f records/s, %.1f ms per %d-record page)%n", n, buildSeconds, read, page, seconds,
                read / seconds, seconds * 1000 / page, PAGE);
        System.out.printf(Locale.ROOT, "  CPU %.1fs: %.0f records/s of one core%n", cpuSeconds, read / cpuSeconds);
        System.out.printf(Locale.ROOT, "  last/first page cost ratio: %.2f (1.0 = paging cost independent of position)%n",
                last / first);
        System.out.printf(Locale.ROOT, "  heap after GC: before %d MB, dataset built %d MB, halfway through %d MB, after %d MB%n",
                heapBefore, heapBuilt, heapMidway, heapAfterGcMb());
    }

    private static double average(long[] values, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return (double) sum / Math.max(1, to - from);
    }
}
