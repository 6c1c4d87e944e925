package com.partnersync.ops;

import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.SyncRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leadership over one PostgreSQL: one active instance among many, a standby taking over within the takeover timeout
 * when the leader stops or is killed (kill -9 of a real process), runs the dead leader left RUNNING marked ABANDONED.
 */
class LeaderElectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final List<Leadership> instances = new ArrayList<>();
    private Process other;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll();
    }

    @AfterEach
    void stop() {
        instances.forEach(Leadership::stop);
        if (other != null) {
            other.destroyForcibly();
        }
    }

    private Leadership instance() {
        Leadership leadership = new Leadership(new LeaderLock(TestDatabase.dataSource(), TIMEOUT),
                new SyncRuns(TestDatabase.dataSource()), TIMEOUT, true);
        instances.add(leadership);
        leadership.start();
        return leadership;
    }

    private long leaders() {
        return instances.stream().filter(Leadership::isLeader).count();
    }

    @Test
    void threeInstancesOnOneDatabaseElectExactlyOneLeader() throws Exception {
        instance();
        instance();
        instance();
        for (int i = 0; i < 5; i++) { // over several check rounds
            assertThat(leaders()).isEqualTo(1);
            Thread.sleep(TIMEOUT.toMillis() / 3);
        }
        assertThat(instances.get(0).isLeader()).as("the first to start leads").isTrue();
        assertThat(instances.get(1).holder()).contains("partner-sync").doesNotContain("this instance");
    }

    @Test
    void aStandbyTakesOverWithinTheTimeoutWhenTheLeaderStops() throws Exception {
        Leadership first = instance();
        instance();
        instance();
        long stopped = System.nanoTime();
        first.stop();
        awaitOneLeader(stopped);
    }

    @Test
    void aStandbyTakesOverWithinTheTimeoutWhenTheLeaderProcessIsKilled() throws Exception {
        other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolderProcess.class.getName(), TestDatabase.jdbcUrl())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("LEADER");
        }
        instance();
        instance();
        Thread.sleep(TIMEOUT.toMillis() / 2);
        assertThat(leaders()).as("standing by while the other process leads").isZero();

        long killed = System.nanoTime();
        other.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock; PostgreSQL ends the session
        assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
        awaitOneLeader(killed);
    }

    @Test
    void gainedHooksRunOnTheActiveInstanceAndLostHooksWhenItsLockSessionDies() throws Exception {
        Leadership first = instance();
        Leadership second = instance();
        List<String> events = new CopyOnWriteArrayList<>();
        first.onLeadershipGained(() -> events.add("first gained"));
        first.onLeadershipLost(() -> events.add("first lost"));
        second.onLeadershipGained(() -> events.add("second gained"));
        second.onLeadershipLost(() -> events.add("second lost"));
        assertThat(events).as("at once on the instance that already leads, not on the standby")
                .containsExactly("first gained");

        long cut = System.nanoTime();
        // the leader's lock session dies (its database connection was cut): PostgreSQL drops the lock with it
        assertThat(jdbc.queryForObject("select count(pg_terminate_backend(pid)) from pg_locks where locktype = 'advisory' "
                + "and granted and classid = ?::oid and objid = ?::oid", Long.class, LeaderLock.KEY_CLASS, LeaderLock.KEY_OBJECT))
                .isEqualTo(1);
        while (!(events.contains("first lost") && leaders() == 1)
                && System.nanoTime() - cut < TIMEOUT.multipliedBy(2).toNanos()) {
            Thread.sleep(20);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - cut)).as("lost and taken over").isLessThanOrEqualTo(TIMEOUT);
        String active = first.isLeader() ? "first" : "second";
        assertThat(events).as("whoever leads now has started its work last").contains("first lost")
                .endsWith(active + " gained").doesNotContain("second lost");
    }

    @Test
    void runsLeftRunningAreMarkedAbandonedByTheNextLeader() {
        long stale = new SyncRuns(TestDatabase.dataSource()).start("scheduled");
        long done = new SyncRuns(TestDatabase.dataSource()).start("sync --once");
        new SyncRuns(TestDatabase.dataSource()).finish(done, "SUCCEEDED");

        instance();

        assertThat(jdbc.queryForObject("select status from sync_run where id = ?", String.class, stale)).isEqualTo("ABANDONED");
        assertThat(jdbc.queryForObject("select ended_at is not null from sync_run where id = ?", Boolean.class, stale)).isTrue();
        assertThat(jdbc.queryForObject("select status from sync_run where id = ?", String.class, done)).isEqualTo("SUCCEEDED");
    }

    @Test
    void aStandbyNeverAbandonsTheLeadersRun() {
        instance();
        long running = new SyncRuns(TestDatabase.dataSource()).start("scheduled");
        instance();
        assertThat(jdbc.queryForObject("select status from sync_run where id = ?", String.class, running)).isEqualTo("RUNNING");
    }

    private void awaitOneLeader(long sinceNanos) throws InterruptedException {
        while (leaders() == 0 && System.nanoTime() - sinceNanos < TIMEOUT.multipliedBy(2).toNanos()) {
            Thread.sleep(20);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - sinceNanos);
        assertThat(leaders()).isEqualTo(1);
        assertThat(took).as("takeover time").isLessThanOrEqualTo(TIMEOUT);
    }
}
