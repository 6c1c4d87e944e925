package com.partnersync.salesforce.cdc;

import com.partnersync.ops.LeaderLock;
import com.partnersync.ops.Leadership;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.SyncRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

/**
 * Two instances on one database, each with its own Pub/Sub subscriber wired as SalesforceCdcConfig wires it: only the
 * active instance subscribes to /data/ChangeEvents; when its lock session dies it unsubscribes and the instance
 * taking over subscribes, resuming after the replay id its predecessor committed, so no change is lost.
 */
class PubSubSubscribeActiveInstanceOnlyTest {
    private static final Duration TAKEOVER = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private CdcRig rig;

    @BeforeEach
    void startSandbox() {
        TestDatabase.truncateAll();
        rig = new CdcRig(SandboxDataset.builder().scale(0.02).build());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        rig.close();
    }

    private record Node(Leadership leadership, CdcRig.Instance stream, AtomicInteger lost) {
    }

    private Node node() throws Exception {
        Leadership leadership = new Leadership(new LeaderLock(TestDatabase.dataSource(), TAKEOVER),
                new SyncRuns(TestDatabase.dataSource()), TAKEOVER, true);
        CdcRig.Instance stream = rig.instance(applied -> { });
        closing.addFirst(stream);
        closing.addFirst(leadership::stop);
        leadership.start();
        SalesforceCdcConfig.subscribeWhileLeading(() -> { }, stream.subscription(), leadership, stream.channel(),
                mock(ScheduledExecutorService.class), Duration.ofHours(1)); // subscribing does not fail here
        AtomicInteger lost = new AtomicInteger();
        leadership.onLeadershipLost(lost::incrementAndGet); // after the unsubscribe hook
        return new Node(leadership, stream, lost);
    }

    private String opportunity(int nth) {
        return rig.dataset.pageAfter(Crm.SALESFORCE, "Opportunity", null, null, null, nth + 1, false).get(nth).id();
    }

    private String name(String id) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select name from opportunity where source_system = 'salesforce' and source_id = ?", id);
        return rows.isEmpty() ? null : (String) rows.get(0).get("name");
    }

    @Test
    void onlyTheActiveInstanceSubscribesAndTheOneTakingOverResumesWithoutLoss() throws Exception {
        Node first = node();
        Node second = node();
        await().atMost(WAIT).until(() -> rig.pubSub().subscribed() == 1);
        assertThat(first.stream().subscribed()).isTrue();
        assertThat(second.stream().subscribed()).as("the standby does not subscribe").isFalse();

        String before = opportunity(1);
        rig.dataset.update(Crm.SALESFORCE, "Opportunity", before, Map.of("Name", "While the first leads"));
        // the stream counts an event after its commit: wait for the count, not only for the row
        await().atMost(WAIT).until(() -> "While the first leads".equals(name(before))
                && first.stream().stream().applied() >= 1);
        assertThat(first.stream().stream().applied()).isEqualTo(1);
        assertThat(second.stream().stream().applied()).isZero();

        // the first instance's lock session dies (its connection to the database was cut): it unsubscribes at its
        // next check and whoever takes the lock (usually the standby; the first itself if it asks first) subscribes
        long appliedBefore = first.stream().stream().applied();
        jdbc.queryForObject("select count(pg_terminate_backend(pid)) from pg_locks where locktype = 'advisory' and granted",
                Long.class);
        await().atMost(TAKEOVER.multipliedBy(2)).until(() -> first.leadership().isLeader() != second.leadership().isLeader()
                && lostSubscription(first));
        Node active = first.leadership().isLeader() ? first : second;
        Node standby = active == first ? second : first;
        await().atMost(WAIT).until(() -> active.stream().subscribed() && rig.pubSub().subscribed() == 1);
        assertThat(standby.stream().subscribed()).isFalse();

        long activeApplied = active.stream().stream().applied();
        long standbyApplied = standby.stream().stream().applied();
        String after = opportunity(2);
        rig.dataset.update(Crm.SALESFORCE, "Opportunity", after, Map.of("Name", "After the takeover"));
        await().atMost(WAIT).until(() -> "After the takeover".equals(name(after))
                && active.stream().stream().applied() > activeApplied);
        assertThat(active.stream().stream().applied() - activeApplied)
                .as("resumed after the committed replay id: the new change once, the old one not again").isEqualTo(1);
        assertThat(standby.stream().stream().applied()).isEqualTo(standbyApplied);
        assertThat(appliedBefore).isEqualTo(1);
    }

    /** The first instance dropped its subscription after losing its lock (it may have subscribed again since). */
    private static boolean lostSubscription(Node first) {
        return first.lost().get() > 0;
    }
}
