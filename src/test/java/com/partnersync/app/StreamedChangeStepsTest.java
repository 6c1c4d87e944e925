package com.partnersync.app;

import com.partnersync.ops.GracefulStop;
import com.partnersync.ops.Leadership;
import com.partnersync.sync.AfterSyncStep;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.warehouse.SyncRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** After streamed changes the after-sync steps run once per debounce window, never beside a cycle, on the active instance only. */
class StreamedChangeStepsTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    private AfterSyncStep step(String name) {
        return new AfterSyncStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(long runId) {
                ran.add(name + " " + runId);
            }
        };
    }

    private static Leadership leader(boolean active) {
        Leadership leadership = mock(Leadership.class);
        when(leadership.isLeader()).thenReturn(active);
        return leadership;
    }

    @Test
    void aStandbyRunsNoStepsForChangesCommittedBeforeItLostLeadership() throws InterruptedException {
        SyncCycle cycle = new SyncCycle(List.of(), List.of(step("write-back")),
                new SyncRuns(TestDatabase.dataSource()), new GracefulStop(Duration.ZERO));
        Leadership leadership = leader(true);
        try (StreamedChangeSteps steps = new StreamedChangeSteps(cycle, leadership,
                TestSettings.bind(StreamProperties.class, "debounce", "300ms"))) {
            steps.committed("salesforce");
            when(leadership.isLeader()).thenReturn(false); // lost within the debounce window

            Thread.sleep(1_000);
            assertThat(ran).isEmpty();
            assertThat(TestDatabase.jdbc().queryForObject("select count(*) from sync_run", Integer.class)).isZero();

            when(leadership.isLeader()).thenReturn(true); // and the next change after taking over runs them
            steps.committed("hubspot");
            await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1);
        }
    }

    @Test
    void aBurstOfCommittedBatchesRunsTheStepsOnceInTheirOrderAsTheirOwnRun() {
        SyncCycle cycle = new SyncCycle(List.of(), List.of(step("rules"), step("write-back")),
                new SyncRuns(TestDatabase.dataSource()), new GracefulStop(Duration.ZERO));
        try (StreamedChangeSteps steps = new StreamedChangeSteps(cycle, leader(true),
                TestSettings.bind(StreamProperties.class, "debounce", "300ms"))) {
            for (int i = 0; i < 20; i++) {
                steps.committed(i % 2 == 0 ? "salesforce" : "hubspot");
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 2);
            long runId = TestDatabase.jdbc().queryForObject("select id from sync_run where command = 'stream'", Long.class);
            assertThat(ran).containsExactly("rules " + runId, "write-back " + runId);

            steps.committed("salesforce");
            await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 4);
            // the run is recorded just after its last step
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestDatabase.jdbc().queryForObject(
                    "select count(*) from sync_run where command = 'stream' and status = 'SUCCEEDED'", Integer.class))
                    .isEqualTo(2));
            assertThat(ran).hasSize(4);
        }
    }
}
