package com.partnersync.salesforce.cdc;

import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.salesforce.SalesforcePubSubServer;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.StreamPositionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Change Data Capture end to end: the sandbox org's Pub/Sub API ({@code Subscribe} on /data/ChangeEvents, GetSchema)
 * streams real-shaped Avro change events as its records change; the connector's {@code salesforce:pubSubSubscribe}
 * route reads their ChangeEventHeader, reads the named records by id and commits them with the replay id.
 */
class PubSubSubscribeChangeEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final List<String> notified = new CopyOnWriteArrayList<>();
    private CdcRig rig;
    private SandboxDataset dataset;
    private List<String> polls;

    @BeforeEach
    void startSandbox() {
        TestDatabase.truncateAll();
        rig = new CdcRig(SandboxDataset.builder().scale(0.02).build());
        dataset = rig.dataset;
        polls = rig.polls;
    }

    @AfterEach
    void stopAll() throws Exception {
        rig.close();
    }

    private void startSubscriber() throws Exception {
        rig.startSubscriber(SalesforceCdcConfig.notifying(notified::add));
    }

    private void stopSubscriber() throws Exception {
        rig.stopSubscriber();
    }

    private String liveOpportunity(int nth) {
        return dataset.pageAfter(Crm.SALESFORCE, "Opportunity", null, null, null, nth + 1, false).get(nth).id();
    }

    private Map<String, Object> row(String id) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select name, deleted, source_modified_at from opportunity where source_system = 'salesforce' and source_id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private long events() {
        return rig.stream().applied();
    }

    @Test
    void updateDeleteAndUndeleteEventsMoveTheWarehouseRow() throws Exception {
        startSubscriber();
        String id = liveOpportunity(3);

        dataset.update(Crm.SALESFORCE, "Opportunity", id, Map.of("Name", "Streamed rename"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("name", "Streamed rename")
                .containsEntry("deleted", false));
        assertThat(notified).as("rules and write-back told").contains("salesforce");

        dataset.delete(Crm.SALESFORCE, "Opportunity", id);
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("deleted", true));

        dataset.undelete(Crm.SALESFORCE, "Opportunity", id);
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("deleted", false)
                .containsEntry("name", "Streamed rename"));
        assertThat(polls).isEmpty();
    }

    @Test
    void createEventLoadsARecordTheWarehouseHasNotSeen() throws Exception {
        startSubscriber();
        String id = liveOpportunity(5);
        assertThat(row(id)).isNull();

        pubSub().publish("Opportunity", "CREATE", List.of(id));

        SandboxRecord source = dataset.record(Crm.SALESFORCE, "Opportunity", id).orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("name", source.fields().get("Name")));
    }

    @Test
    void gapAndOverflowEventsPollTheirObject() throws Exception {
        startSubscriber();
        String id = liveOpportunity(2);

        pubSub().publish("Account", "GAP_UPDATE", List.of("001000000000001AAA"));
        pubSub().publish("Opportunity", "GAP_OVERFLOW", List.of());

        await().atMost(WAIT).untilAsserted(() -> assertThat(polls)
                .containsExactlyInAnyOrder("Account: GAP_UPDATE event", "Opportunity: GAP_OVERFLOW event"));
        // the poll read the object after its (empty) checkpoint: every live record is in the warehouse now
        assertThat(row(id)).isNotNull();
    }

    @Test
    void eventForAnObjectWithoutAMappingIsIgnoredAndTheStreamGoesOn() throws Exception {
        startSubscriber();
        String id = liveOpportunity(1);

        pubSub().publish("Campaign", "UPDATE", List.of("701000000000001AAA"));
        dataset.update(Crm.SALESFORCE, "Opportunity", id, Map.of("Name", "After the campaign"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("name", "After the campaign"));
        assertThat(events()).isEqualTo(2);
        assertThat(polls).isEmpty();
    }

    @Test
    void restartResumesAfterTheStoredReplayIdWithoutLossOrDuplicates() throws Exception {
        startSubscriber();
        String first = liveOpportunity(1);
        dataset.update(Crm.SALESFORCE, "Opportunity", first, Map.of("Name", "Before the restart"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(first)).containsEntry("name", "Before the restart"));
        await().atMost(WAIT).until(() -> storedReplayId() != null);
        stopSubscriber();

        List<String> changedWhileDown = List.of(liveOpportunity(4), liveOpportunity(6), liveOpportunity(8));
        for (String id : changedWhileDown) {
            dataset.update(Crm.SALESFORCE, "Opportunity", id, Map.of("Name", "While down " + id));
        }
        startSubscriber();

        await().atMost(WAIT).untilAsserted(() -> changedWhileDown.forEach(id ->
                assertThat(row(id)).containsEntry("name", "While down " + id)));
        // exactly the three events after the stored replay id: the one before the restart is not replayed
        assertThat(events()).isEqualTo(3);
        assertThat(row(first)).containsEntry("name", "Before the restart");
        assertThat(polls).isEmpty();
    }

    @Test
    void replayIdPastTheRetentionFallsBackToAnIncrementalPoll() throws Exception {
        jdbc.update("insert into sync_stream_position (source_system, channel, replay_id, event_time) values (?, ?, ?, ?)",
                "salesforce", "/data/ChangeEvents", "AAAAAAAAAAE=", Timestamp.from(Instant.now().minus(Duration.ofHours(73))));

        startSubscriber();

        assertThat(polls).hasSize(CdcRig.MAPPINGS.objects("salesforce").size())
                .allMatch(p -> p.endsWith(": replay id past retention"));
        assertThat(jdbc.queryForObject("select count(*) from opportunity", Integer.class)).isPositive();
        // subscribed from the newest event: new changes stream in
        String id = liveOpportunity(7);
        dataset.update(Crm.SALESFORCE, "Opportunity", id, Map.of("Name", "After the fallback"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("name", "After the fallback"));
    }

    @Test
    void aReplayIdTheEventBusRejectsResubscribesFromTheNewestEventAndPolls() throws Exception {
        // within the retention by its time, but a replay id this event bus never issued: it answers replayid.corrupted
        jdbc.update("insert into sync_stream_position (source_system, channel, replay_id, event_time) values (?, ?, ?, ?)",
                "salesforce", "/data/ChangeEvents", "AAAAAQ==", Timestamp.from(Instant.now().minus(Duration.ofHours(1))));

        startSubscriber();

        await().atMost(WAIT).untilAsserted(() -> assertThat(polls)
                .hasSize(CdcRig.MAPPINGS.objects("salesforce").size())
                .allMatch(p -> p.endsWith(": replay id rejected by the event bus")));
        assertThat(jdbc.queryForObject("select count(*) from opportunity", Integer.class)).isPositive();
        String id = liveOpportunity(7);
        dataset.update(Crm.SALESFORCE, "Opportunity", id, Map.of("Name", "After the rejection"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("name", "After the rejection"));
        assertThat(storedReplayId()).as("the new stream's position replaces the rejected one").isNotEqualTo("AAAAAQ==");
    }

    private String storedReplayId() {
        return new StreamPositionStore(TestDatabase.dataSource()).load("salesforce", "/data/ChangeEvents")
                .map(p -> p.replayId()).orElse(null);
    }

    private SalesforcePubSubServer pubSub() {
        return rig.pubSub();
    }
}
