package com.partnersync.app;

import com.partnersync.ops.GracefulStop;
import com.partnersync.sync.AfterSyncStep;
import com.partnersync.sync.RunInterruptedException;
import com.partnersync.sync.SourceSystemSync;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.RunListener;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.warehouse.SyncRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What a cycle records: each object as it finishes (an outage later erases nothing); a stop request interrupts it. */
class SyncCycleTest {
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final GracefulStop stop = new GracefulStop(Duration.ZERO);
    private final List<String> stepsRun = new ArrayList<>();

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll();
    }

    private static ObjectSummary summary(String object, RunStatus status, String message) {
        return new ObjectSummary("salesforce", object, status, 10, 10, 0, 0, 0, 1, 0.1, message);
    }

    /** A source that finishes {@code before}, then runs {@code then} (an outage, a stop request). */
    private static SourceSystemSync source(List<ObjectSummary> before, Runnable then, List<ObjectSummary> after) {
        return new SourceSystemSync() {
            public String sourceSystem() {
                return "salesforce";
            }

            public boolean configured() {
                return true;
            }

            public List<ObjectSummary> syncAll(long runId, Consumer<ObjectSummary> finished) {
                before.forEach(finished);
                then.run();
                after.forEach(finished);
                return List.copyOf(before);
            }
        };
    }

    private AfterSyncStep step(String name) {
        return new AfterSyncStep() {
            public String name() {
                return name;
            }

            public void run(long runId) {
                stepsRun.add(name);
            }
        };
    }

    private SyncCycle cycle(SourceSystemSync source) {
        return new SyncCycle(List.of(source), List.of(step("rules")),
                new SyncRuns(TestDatabase.dataSource(), List.<RunListener>of(stop)), stop);
    }

    @Test
    void objectsFinishedBeforeAnOutageStayRecorded() {
        SyncCycle.Result result = cycle(source(List.of(summary("Account", RunStatus.SUCCEEDED, null)), () -> {
            throw new IllegalStateException("database outage");
        }, List.of())).run("scheduled");

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(jdbc.queryForList("select object || ' ' || status from sync_run_object", String.class))
                .containsExactly("Account SUCCEEDED");
    }

    @Test
    void aStopRequestInterruptsTheObjectInProgressAndSkipsTheSteps() {
        SyncCycle.Result result = cycle(source(List.of(summary("Account", RunStatus.SUCCEEDED, null)), stop::stopCurrentRun,
                List.of(summary("Contact", RunStatus.INTERRUPTED, RunInterruptedException.MESSAGE)))).run("scheduled");

        assertThat(result.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(jdbc.queryForList("select object || ' ' || status from sync_run_object order by object", String.class))
                .containsExactly("Account SUCCEEDED", "Contact INTERRUPTED");
        assertThat(jdbc.queryForObject("select status from sync_run", String.class)).isEqualTo("INTERRUPTED");
        assertThat(stepsRun).isEmpty();
    }

    @Test
    void withoutAStopRequestTheStepsRun() {
        assertThat(cycle(source(List.of(summary("Account", RunStatus.SUCCEEDED, null)), () -> { }, List.of())).run("scheduled")
                .status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(stepsRun).containsExactly("rules");
    }

    /** A source of one CRM whose objects read {@code changed} records each, counting its runs. */
    private static SourceSystemSync crm(String system, int changed, List<String> synced) {
        return new SourceSystemSync() {
            public String sourceSystem() {
                return system;
            }

            public boolean configured() {
                return true;
            }

            public List<ObjectSummary> syncAll(long runId, Consumer<ObjectSummary> finished) {
                synced.add(system);
                ObjectSummary deals = new ObjectSummary(system, "deals", RunStatus.SUCCEEDED, changed, 0, changed, 0, 0, 1, 0.1, null);
                finished.accept(deals);
                return List.of(deals);
            }
        };
    }

    @Test
    void aSourceAloneBetweenCyclesRunsTheStepsOnlyWhenItChangedRows() {
        List<String> synced = new ArrayList<>();
        SyncCycle quiet = new SyncCycle(List.of(crm("salesforce", 5, synced), crm("hubspot", 0, synced)),
                List.of(step("rules")), new SyncRuns(TestDatabase.dataSource(), List.<RunListener>of(stop)), stop);

        SyncCycle.Result nothing = quiet.runSource("hubspot-search", "hubspot");

        assertThat(synced).containsExactly("hubspot");
        assertThat(nothing.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(nothing.changedRows()).isFalse();
        assertThat(stepsRun).as("nothing changed: no steps").isEmpty();

        SyncCycle busy = new SyncCycle(List.of(crm("hubspot", 3, synced)), List.of(step("rules")),
                new SyncRuns(TestDatabase.dataSource(), List.<RunListener>of(stop)), stop);
        SyncCycle.Result changed = busy.runSource("hubspot-search", "hubspot");

        assertThat(changed.changedRows()).isTrue();
        assertThat(stepsRun).containsExactly("rules");
        assertThat(jdbc.queryForList("select command from sync_run order by id", String.class))
                .containsExactly("hubspot-search", "hubspot-search");
    }

    @Test
    void aRunAskedForWhileTheApplicationClosesIsNeitherStartedNorRecorded() {
        List<String> synced = new ArrayList<>();
        SyncCycle cycle = new SyncCycle(List.of(crm("salesforce", 5, synced)), List.of(step("rules")),
                new SyncRuns(TestDatabase.dataSource(), List.<RunListener>of(stop)), stop);
        org.springframework.context.support.GenericApplicationContext context =
                new org.springframework.context.support.GenericApplicationContext();
        stop.setApplicationContext(context);
        stop.onApplicationEvent(new org.springframework.context.event.ContextClosedEvent(context));

        assertThat(List.of(cycle.run("scheduled"), cycle.runSteps("stream"), cycle.runSource("hubspot-search", "salesforce")))
                .allMatch(result -> result.status() == RunStatus.INTERRUPTED && result.runId() == 0);
        assertThat(synced).isEmpty();
        assertThat(stepsRun).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from sync_run", Long.class)).isZero();
    }
}
