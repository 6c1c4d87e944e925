package com.partnersync.ops;

import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.Mapping;
import com.partnersync.mapping.MappingSet;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real connector processes in long-running mode on one database against the sandbox CRMs: one leads and runs
 * the cycle and the Salesforce change stream, the other stands by (webhook calls answered 503). {@code kill -9} of
 * the leader mid-cycle: the standby takes over within the takeover timeout, marks the killed run ABANDONED,
 * subscribes and runs the next cycle from the checkpoints, and the warehouse is complete afterwards.
 */
class LeaderKilledFailoverTest {
    private static final Duration TAKEOVER = Duration.ofSeconds(3);
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final List<Process> processes = new ArrayList<>();
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
        processes.forEach(Process::destroyForcibly);
        sandbox.close();
    }

    private record Instance(ConnectorProcess connector, int port) {
        Process process() {
            return connector.process();
        }

        String output() throws IOException {
            return connector.output();
        }
    }

    private Instance connector(String name) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ConnectorProcess connector = ConnectorProcess.start(dir.resolve(name + ".log"), ConnectorProcess.arguments(sandbox,
                List.of("run"), "--server.port=" + port, "--management.server.port=0",
                "--partner-sync.leadership.takeover-timeout=" + TAKEOVER.toSeconds() + "s",
                "--partner-sync.schedule.interval=2s", "--partner-sync.hubspot.webhook.client-secret=webhook-secret"));
        processes.add(connector.process());
        return new Instance(connector, port);
    }

    /** The pid in the application name of the session holding the leader lock, or 0. */
    private long lockHolderPid() {
        List<String> names = jdbc.queryForList("""
                select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.granted and l.classid = ?::oid and l.objid = ?::oid""",
                String.class, LeaderLock.KEY_CLASS, LeaderLock.KEY_OBJECT);
        return names.isEmpty() ? 0 : Long.parseLong(names.get(0).substring(names.get(0).lastIndexOf(' ') + 1));
    }

    private void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(() -> what + "\n" + logs()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String logs() {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("first", "second")) {
            try {
                all.append("--- ").append(name).append('\n').append(Files.readString(dir.resolve(name + ".log")));
            } catch (IOException e) {
                all.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void killingTheLeaderMidCycleHandsEverythingToTheStandbyWithinTheTimeout() throws Exception {
        sandbox.wireMock().setGlobalFixedDelay(100); // a cycle long enough to be killed in the middle
        Instance first = connector("first");
        Instance second = connector("second");
        // start-up takes seconds on an idle machine and minutes on an overloaded one; only the takeover is timed
        await("a cycle in the middle of its objects", STARTUP, () ->
                jdbc.queryForObject("select count(*) from sync_run where status = 'RUNNING'", Long.class) == 1
                        && jdbc.queryForObject("select count(*) from sync_checkpoint", Long.class) >= 2);
        Instance leader = lockHolderPid() == first.process().pid() ? first : second;
        Instance standby = leader == first ? second : first;
        assertThat(lockHolderPid()).isEqualTo(leader.process().pid());
        long killedRun = jdbc.queryForObject("select id from sync_run where status = 'RUNNING'", Long.class);
        await("the standby has started", STARTUP, () -> {
            try {
                return standby.output().contains("salesforce change stream: standing by");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> webhook = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + standby.port() + "/webhooks/hubspot"))
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(webhook.statusCode()).as("a standby's answer to a webhook call").isEqualTo(503);
        assertThat(webhook.headers().firstValue("Retry-After")).hasValue(Long.toString(TAKEOVER.toSeconds()));

        long killed = System.nanoTime();
        leader.process().destroyForcibly(); // SIGKILL: no shutdown hook, no unlock, the run left RUNNING
        assertThat(leader.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        await("the standby holds the lock", TAKEOVER.multipliedBy(2), () -> lockHolderPid() == standby.process().pid());
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("takeover time").isLessThanOrEqualTo(TAKEOVER);
        sandbox.wireMock().setGlobalFixedDelay(0);

        assertThat(jdbc.queryForObject("select status from sync_run where id = ?", String.class, killedRun))
                .isEqualTo("ABANDONED");
        await("the new leader's first cycle", STARTUP, () -> jdbc.queryForObject(
                "select count(*) from sync_run where id > ? and status <> 'RUNNING'", Long.class, killedRun) > 0);
        String output = standby.output();
        assertThat(jdbc.queryForList("select status from sync_run where id > ?", String.class, killedRun))
                .as(output).first().isEqualTo("SUCCEEDED");
        assertThat(output.substring(output.indexOf("this instance (")))
                .contains("1 run(s) left RUNNING by a stopped instance marked ABANDONED")
                .contains("salesforce change stream: subscribed");
        assertThat(jdbc.queryForList("select status from sync_run", String.class)).doesNotContain("FAILED");

        // complete: every live sandbox record is a live row of its table (or an open error naming it)
        MappingSet mappings = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
        for (Crm crm : Crm.values()) {
            String source = crm.name().toLowerCase(Locale.ROOT);
            Map<String, Long> expected = new TreeMap<>();
            for (Mapping mapping : mappings.mappings()) {
                if (mapping.source().equals(source) && !mapping.target().equals("partner")) { // partner: partners only
                    expected.merge(mapping.target(), sandbox.dataset().count(crm, mapping.object(), false)
                            - jdbc.queryForObject("select count(distinct record_id) from sync_error where source_system = ? "
                            + "and object = ?", Long.class, source, mapping.object()), Long::sum);
                }
            }
            Map<String, Long> actual = new TreeMap<>();
            expected.keySet().forEach(table -> actual.put(table, jdbc.queryForObject("select count(*) from " + table
                    + " where source_system = ? and not deleted", Long.class, source)));
            assertThat(actual).as(source).isEqualTo(expected);
        }
    }
}
