package com.partnersync.ops;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.app.Command;
import com.partnersync.app.CommandRunner;
import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several connector processes on one database, as an operator would start them: one active instance runs the
 * cycles, the others stand by without calling any CRM and take over when it stops; one-shot commands refuse to run
 * beside an active instance.
 */
@ExtendWith(OutputCaptureExtension.class)
class ActiveInstanceTest {
    private static final JdbcTemplate jdbc = TestDatabase.jdbc();
    private static SandboxServer sandbox;

    @BeforeAll
    static void startCrms() {
        sandbox = SandboxServer.start(SandboxDataset.builder().scale(0.02).build(), 0);
    }

    @AfterAll
    static void stopCrms() {
        sandbox.close();
    }

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll();
        sandbox.wireMock().setGlobalFixedDelay(0);
    }

    private static String[] args(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--spring.datasource.url=" + TestDatabase.jdbcUrl());
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        args.add("--partner-sync.leadership.takeover-timeout=3s");
        sandbox.clientProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = args(args);
        return PartnerSyncApplication.application(Command.parse(all)).run(all);
    }

    private static long crmCalls(ConfigurableApplicationContext instance) {
        return instance.getBean(SalesforceClient.class).apiCalls() + instance.getBean(HubSpotClient.class).calls();
    }

    @Test
    void syncOnceBesideAnActiveInstanceExitsWithAClearMessageAndCallsNoCrm(CapturedOutput output) throws Exception {
        try (LeaderLock other = new LeaderLock(TestDatabase.dataSource(), Duration.ofSeconds(3))) {
            assertThat(other.tryAcquire()).isTrue();
            try (ConfigurableApplicationContext refused = start("sync", "--once")) {
                assertThat(crmCalls(refused)).isZero();
                assertThat(SpringApplication.exit(refused)).isEqualTo(CommandRunner.ANOTHER_INSTANCE_ACTIVE);
            }
        }
        assertThat(output.getErr()).contains("partner-sync: another instance is active on this database: partner-sync ")
                .contains("'sync --once' did not run");
        assertThat(jdbc.queryForObject("select count(*) from sync_run", Long.class)).isZero();
    }

    @Test
    void twoConcurrentSyncOnceRunOnceAndTheOtherExitsClearly(CapturedOutput output) {
        sandbox.wireMock().setGlobalFixedDelay(150); // a cycle long enough for the two commands to overlap
        // Two applications starting at once in one JVM race on the shared Logback context ("Unable to find Spring
        // Environment in logger context"): leave logging as the test JVM set it up; two processes have no such race.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        List<Integer> exitCodes;
        try {
            List<CompletableFuture<Integer>> commands = Stream.of(1, 2).map(i -> CompletableFuture.supplyAsync(() -> {
                try (ConfigurableApplicationContext context = start("sync", "--once")) {
                    return SpringApplication.exit(context);
                }
            })).toList();
            exitCodes = commands.stream().map(CompletableFuture::join).sorted().toList();
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }

        assertThat(exitCodes).containsExactly(0, CommandRunner.ANOTHER_INSTANCE_ACTIVE);
        assertThat(jdbc.queryForList("select status from sync_run", String.class)).containsExactly("SUCCEEDED");
        assertThat(output.getErr()).contains("'sync --once' did not run");
    }

    @Test
    void threeInstancesRunOneScheduleAndAStandbyTakesOverWhenTheLeaderStops() throws Exception {
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                instances.add(start("--partner-sync.schedule.interval=2s"));
            }
            ConfigurableApplicationContext leader = awaitLeader(instances, Duration.ofSeconds(3));
            awaitRuns(2);

            for (ConfigurableApplicationContext instance : instances) {
                if (instance != leader) {
                    assertThat(instance.getBean(Leadership.class).isLeader()).isFalse();
                    assertThat(crmCalls(instance)).as("CRM calls of a standby").isZero();
                }
            }
            long leaderCalls = crmCalls(leader);
            assertThat(leaderCalls).isPositive();

            leader.close();
            instances.remove(leader);
            ConfigurableApplicationContext next = awaitLeader(instances, Duration.ofSeconds(3));
            long runsBefore = jdbc.queryForObject("select count(*) from sync_run", Long.class);
            awaitRuns(runsBefore + 1);

            assertThat(instances.stream().filter(i -> i != next).mapToLong(ActiveInstanceTest::crmCalls).sum())
                    .as("CRM calls of the remaining standby").isZero();
            // the stopped leader's run in progress, if any, is INTERRUPTED; nothing failed or was left behind
            assertThat(jdbc.queryForList("select status from sync_run where status <> 'SUCCEEDED'", String.class))
                    .isSubsetOf("INTERRUPTED", "RUNNING");
            assertThat(jdbc.queryForObject("select count(*) from sync_run where status = 'INTERRUPTED'", Long.class))
                    .isLessThanOrEqualTo(1);
            assertThat(jdbc.queryForObject("""
                    select count(*) from sync_run a join sync_run b on a.id < b.id
                    where a.started_at < coalesce(b.ended_at, now()) and b.started_at < coalesce(a.ended_at, now())""",
                    Long.class)).as("overlapping runs").isZero();
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext awaitLeader(List<ConfigurableApplicationContext> instances,
                                                              Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<ConfigurableApplicationContext> leaders = instances.stream()
                    .filter(i -> i.getBean(Leadership.class).isLeader()).toList();
            if (!leaders.isEmpty()) {
                assertThat(leaders).hasSize(1);
                return leaders.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no instance took over within " + within);
    }

    private static void awaitRuns(long finished) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject("select count(*) from sync_run where status <> 'RUNNING'", Long.class) < finished) {
            assertThat(System.nanoTime()).as("waiting for " + finished + " finished runs").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
