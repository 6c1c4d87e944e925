package com.partnersync.mapping;

import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How mapping compares with committing the same pages: {@code mvn -B -Pbench test -Dtest=MappingSetBenchmark
 * [-Dbench.n=50000]}. Records are shaped like Salesforce REST query records (doubles, +0000 date-times).
 */
@Tag("bench")
class MappingSetBenchmark {
    private static final int PAGE = 2000;

    @Test
    void mappingVersusCommittingOpportunityPages() {
        int n = Integer.getInteger("bench.n", 50_000);
        MappingSet set = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
        WarehouseWriter writer = new WarehouseWriter(TestDatabase.dataSource());
        TestDatabase.truncateAll();
        List<List<SourceRecord>> pages = new ArrayList<>();
        for (int start = 0; start < n; start += PAGE) {
            List<SourceRecord> page = new ArrayList<>(PAGE);
            for (int i = start; i < Math.min(n, start + PAGE); i++) {
                page.add(opportunity(i));
            }
            pages.add(page);
        }
        pages.subList(0, Math.min(5, pages.size())).forEach(set::map); // warm-up

        long mapNanos = 0;
        long commitNanos = 0;
        for (List<SourceRecord> page : pages) {
            long t0 = System.nanoTime();
            MappingResult mapped = set.map(page);
            long t1 = System.nanoTime();
            writer.commit(new PageCommit(0, "salesforce", "Opportunity", mapped, null));
            mapNanos += t1 - t0;
            commitNanos += System.nanoTime() - t1;
        }
        System.out.printf(Locale.ROOT, "MappingSetBenchmark: %d records: map %.1f µs/record (%.0f records/s), "
                        + "commit %.1f µs/record; map/commit time ratio %.2f%n", n, mapNanos / 1e3 / n, n / (mapNanos / 1e9),
                commitNanos / 1e3 / n, (double) mapNanos / commitNanos);
    }

    private static SourceRecord opportunity(int i) {
        Map<String, Object> f = new HashMap<>();
        f.put("Id", "006" + i);
        f.put("Name", "Deal " + i);
        f.put("AccountId", "001" + (i % 5000));
        f.put("StageName", i % 3 == 0 ? "Closed Won" : "Prospecting");
        f.put("Amount", 1000.0 + i * 1.25);
        f.put("IsClosed", i % 3 == 0);
        f.put("IsWon", i % 3 == 0);
        f.put("CreatedDate", "2026-01-0" + (1 + i % 9) + "T10:00:00.000+0000");
        f.put("CloseDate", "2026-04-" + (10 + i % 18));
        f.put("LeadSource", i % 2 == 0 ? "Partner Referral" : "Web");
        f.put("Partner_Id__c", i % 2 == 0 ? "P-" + (i % 300) : null);
        f.put("Discount__c", (double) (i % 20));
        f.put("Co_Sell__c", i % 4 == 0);
        f.put("Expected_Close_Date__c", "2026-05-01");
        return new SourceRecord("salesforce", "Opportunity", "006" + i, Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i),
                false, f, "{\"Id\":\"006" + i + "\"}");
    }
}
