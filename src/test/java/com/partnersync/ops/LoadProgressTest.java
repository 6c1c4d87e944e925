package com.partnersync.ops;

import com.partnersync.mapping.MappingResult;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress lines of a long load: so far / total, rate and ETA, at most every 10 s per object. */
@ExtendWith(OutputCaptureExtension.class)
class LoadProgressTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "salesforce Opportunity: 120,000 of 1,000,000 records (12%), 2,000/s, ETA 7m 20s | 120000 | 1000000 | 60",
            "salesforce Account: 4,000 of 4,000 records (100%), 400/s, ETA 0s                | 4000   | 4000    | 10",
            "hubspot deals: 9,000 of 600,000 records (1%), 150/s, ETA 1h 5m                  | 9000   | 600000  | 60",
            "hubspot companies: 2,000 records so far, 200/s                                   | 2000   | -1      | 10"})
    void aLineSaysRecordsSoFarTotalRateAndEta(String line, long records, long total, double seconds) {
        assertThat(LoadProgress.line(line.substring(0, line.indexOf(':')), records, total, seconds)).isEqualTo(line);
    }

    @Test
    void logsAtMostEveryTenSecondsPerObject(CapturedOutput output) {
        AtomicLong now = new AtomicLong();
        LoadProgress progress = new LoadProgress(Duration.ofSeconds(10), now::get);
        progress.started(1, "scheduled");
        progress.expect("salesforce", "Opportunity", 10_000);
        PageCommit page = new PageCommit(1, "salesforce", "Opportunity", new MappingResult(List.of(), List.of(), List.of()), null);
        PageCounts twoThousand = new PageCounts(1500, 300, 200, 0, 0);
        for (int second = 5; second <= 25; second += 5) {
            now.set(Duration.ofSeconds(second).toNanos());
            progress.committed(page, twoThousand);
        }
        assertThat(output.getOut().lines().filter(l -> l.contains("salesforce Opportunity:")).toList()).hasSize(2)
                .anySatisfy(l -> assertThat(l).endsWith("salesforce Opportunity: 4,000 of 10,000 records (40%), 400/s, ETA 15s"))
                .anySatisfy(l -> assertThat(l).endsWith("salesforce Opportunity: 8,000 of 10,000 records (80%), 400/s, ETA 5s"));
    }
}
