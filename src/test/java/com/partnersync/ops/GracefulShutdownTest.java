package com.partnersync.ops;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.app.Command;
import com.partnersync.app.CommandHandlers;
import com.partnersync.app.SyncCycle;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real {@code sync --once} process mid-load: the page in flight commits, the run is recorded INTERRUPTED
 * with its objects, the process exits within 30 s, and the next run loses nothing.
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

    private List<String> args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--spring.datasource.url=" + TestDatabase.jdbcUrl());
        sandbox.clientProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    @Test
    void sigtermMidLoadInterruptsTheRunExitsWithin30sAndTheNextRunLosesNothing() throws Exception {
        sandbox.wireMock().setGlobalFixedDelay(200); // a load slow enough to be stopped in the middle
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PartnerSyncApplication.class.getName()));
        command.addAll(args("sync", "--once"));
        Path log = dir.resolve("sync-once.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
        String[] next = args("sync", "--once").toArray(String[]::new);
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
}
