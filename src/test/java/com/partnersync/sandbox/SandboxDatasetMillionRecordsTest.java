package com.partnersync.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million Opportunities and a million Accounts (the source benchmarks' size) page without the dataset keeping
 * generated records: what it retains stays the planted records plus the changes made, wherever the pages were read.
 * (Reading all of them, timed, is SandboxDatasetBenchmark.)
 */
class SandboxDatasetMillionRecordsTest {
    private static final int MILLION = 1_000_000;
    private static final int PAGE = 2_000;

    @Test
    void pagingAMillionRecordsRetainsOnlyPlantedAndChangedRecords() {
        SandboxDataset data = SandboxDataset.builder().count(Crm.SALESFORCE, "Opportunity", MILLION)
                .count(Crm.SALESFORCE, "Account", MILLION).build();
        long plantedOnly = data.retainedRecords();
        assertThat(data.longestBurst(Crm.SALESFORCE, "Opportunity")).isGreaterThan(2_500);

        // ten pages from the start, from inside the 2,600-record burst (a fifth of the way in), the middle and the end
        for (int daysBack : new int[]{401, 320, 200, 2}) {
            Instant since = data.asOf().minus(Duration.ofDays(daysBack));
            List<SandboxRecord> read = new ArrayList<>();
            Cursor cursor = null;
            for (int page = 0; page < 10; page++) {
                List<SandboxRecord> records = data.pageAfter(Crm.SALESFORCE, "Opportunity", cursor, since, null, PAGE, true);
                if (records.isEmpty()) {
                    break;
                }
                read.addAll(records);
                cursor = records.get(records.size() - 1).cursor();
            }
            assertThat(read).as("from %d days back", daysBack).isNotEmpty()
                    .allMatch(r -> !r.modifiedAt().isBefore(since));
            for (int i = 1; i < read.size(); i++) {
                assertThat(read.get(i).cursor()).isGreaterThan(read.get(i - 1).cursor());
            }
            assertThat(data.retainedRecords()).isEqualTo(plantedOnly);
        }

        SandboxRecord middle = data.pageAfter(Crm.SALESFORCE, "Account", null,
                data.asOf().minus(Duration.ofDays(200)), null, 1, true).get(0);
        data.update(Crm.SALESFORCE, "Account", middle.id(), Map.of("Region__c", "EMEA"));
        // the changed record is kept (once by id, once by its new position)
        assertThat(data.retainedRecords()).isEqualTo(plantedOnly + 2);
        assertThat(data.count(Crm.SALESFORCE, "Account", true)).isEqualTo(MILLION);
    }
}
