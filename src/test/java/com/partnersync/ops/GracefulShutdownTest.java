package com.partnersync.ops;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.app.Command;
import com.partnersync.app.CommandHandlers;
import com.partnersync.app.SyncCycle;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real {@code sync --once} process mid-load: the page in flight commits, the run is recorded INTERRUPTED
 * with its objects, the process exits within 30 s, and the next run loses nothing; SIGTERM while a Bulk API job is
 * polled ends the wait at once.
 */
class GracefulShutdownTest {
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private SandboxServer sandbox;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        TestDatabase.truncateAll();
        sandbox = SandboxServer.start(SandboxDataset.builder().scale(0.02).build(), 0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static final List<String> SYNC_ONCE = List.of("sync", "--once");

    private Process syncOnce(Path log, String... settings) throws IOException {
        return ConnectorProcess.start(log, ConnectorProcess.arguments(sandbox, SYNC_ONCE, settings)).process();
    }

    @Test
    void sigtermMidLoadInterruptsTheRunExitsWithin30sAndTheNextRunLosesNothing() throws Exception {
        sandbox.wireMock().setGlobalFixedDelay(200); // a load slow enough to be stopped in the middle
        Path log = dir.resolve("sync-once.log");
        Process process = syncOnce(log);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (jdbc.queryForObject("select count(*) from sync_checkpoint", Long.class) < 2) {
                assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("pages committed").isLessThan(deadline);
                Thread.sleep(100);
            }

            long sigterm = System.nanoTime();
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sigterm)).isLessThan(Duration.ofSeconds(30));
            assertThat(process.exitValue()).isNotZero();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(jdbc.queryForObject("select status from sync_run", String.class)).as(output).isEqualTo("INTERRUPTED");
        assertThat(jdbc.queryForObject("select ended_at is not null from sync_run", Boolean.class)).isTrue();
        // objects finished before the request are recorded; the one in progress, if any, INTERRUPTED; the rest skipped
        assertThat(jdbc.queryForList("select distinct status from sync_run_object", String.class))
                .as(output).isNotEmpty().isSubsetOf("SUCCEEDED", "INTERRUPTED");
        assertThat(output).contains("stops after its current page").contains("releasing leadership");

        sandbox.wireMock().setGlobalFixedDelay(0);
        String[] next = ConnectorProcess.arguments(sandbox, SYNC_ONCE).toArray(String[]::new);
        try (ConfigurableApplicationContext resumed = PartnerSyncApplication.application(Command.parse(next)).run(next)) {
            assertThat(jdbc.queryForObject("select status from sync_run order by id desc limit 1", String.class))
                    .isEqualTo("SUCCEEDED");
            // a full re-read inserts whatever the interrupted run and the next one lost
            resumed.getBean(CommandHandlers.class).resetCheckpoints();
            SyncCycle.Result full = resumed.getBean(SyncCycle.class).run("sync --once --full");
            assertThat(full.status()).isEqualTo("SUCCEEDED");
            assertThat(full.objects()).isNotEmpty().allSatisfy(o -> assertThat(o.inserted()).as(o.object()).isZero());
        }
    }

    /**
     * 600 Accounts, 200 a REST page, Bulk above 0 pending: after the first page a Bulk API 2.0 job is created
     * ({@code POST /jobs/query} answers UploadComplete) and polled every 5 minutes. SIGTERM ends that wait at once
     * instead of after the job: no poll, Account INTERRUPTED, its checkpoint at the last REST page committed.
     */
    @Test
    void sigtermWhileABulkQueryJobIsPolledEndsTheWaitAtOnce() throws Exception {
        sandbox.close();
        sandbox = SandboxServer.start(SandboxDataset.builder().scale(0.02).count(Crm.SALESFORCE, "Account", 600).build(), 0);
        Path log = dir.resolve("sync-once-bulk.log");
        Process process = syncOnce(log, "--partner-sync.salesforce.batch-size=200", "--partner-sync.salesforce.bulk-threshold=0",
                "--partner-sync.salesforce.bulk-poll-interval=5m");
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (sandbox.wireMock().findAll(postRequestedFor(urlPathMatching(".*/jobs/query"))).isEmpty()) {
                assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("Bulk job created").isLessThan(deadline);
                Thread.sleep(100);
            }

            long sigterm = System.nanoTime();
            process.destroy(); // SIGTERM, 5 minutes before the next poll
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sigterm)).isLessThan(Duration.ofSeconds(15));
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(jdbc.queryForObject("select status from sync_run", String.class)).as(output).isEqualTo("INTERRUPTED");
        assertThat(jdbc.queryForObject("select status from sync_run_object where source_system = 'salesforce' "
                + "and object = 'Account'", String.class)).as(output).isEqualTo("INTERRUPTED");
        assertThat(sandbox.wireMock().findAll(getRequestedFor(urlPathMatching(".*/jobs/query/.*"))))
                .as("no poll after the stop request").isEmpty();
        // the first REST page (200 records) committed with its checkpoint; nothing past it
        assertThat(jdbc.queryForObject("select count(*) from account where source_system = 'salesforce'", Integer.class))
                .isBetween(1, 200);
        assertThat(jdbc.queryForObject("select c.last_modified_at = (select max(source_modified_at) from account "
                + "where source_system = 'salesforce') from sync_checkpoint c where c.source_system = 'salesforce' "
                + "and c.object = 'Account'", Boolean.class)).isTrue();
    }
}
