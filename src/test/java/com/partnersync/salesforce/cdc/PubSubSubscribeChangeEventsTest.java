package com.partnersync.salesforce.cdc;

import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.salesforce.SalesforceObjectSync;
import com.partnersync.salesforce.SalesforceProperties;
import com.partnersync.salesforce.SalesforceRecordFetch;
import com.partnersync.sandbox.salesforce.SalesforceSimulator;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.salesforce.SalesforcePubSubServer;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.StreamPositionStore;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
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
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final List<String> polls = new CopyOnWriteArrayList<>();
    private final List<String> notified = new CopyOnWriteArrayList<>();
    private SandboxDataset dataset;
    private SandboxServer sandbox;
    private SalesforceSimulator simulator;
    private Map<String, String> client;
    private SalesforceObjectSync objectSync;
    private SalesforceRecordFetch fetch;
    private DefaultCamelContext camel;
    private ChangeStream stream;
    private ChangeSubscription subscription;

    @BeforeEach
    void startSandbox() {
        TestDatabase.truncateAll();
        dataset = SandboxDataset.builder().scale(0.02).build();
        simulator = new SalesforceSimulator(0);
        sandbox = SandboxServer.start(dataset, List.of(simulator), 0);
        client = sandbox.clientProperties();
        SalesforceProperties properties = new SalesforceProperties();
        properties.setLoginUrl(client.get("partner-sync.salesforce.login-url"));
        properties.setClientId(client.get("partner-sync.salesforce.client-id"));
        properties.setClientSecret(client.get("partner-sync.salesforce.client-secret"));
        properties.setUsername(client.get("partner-sync.salesforce.username"));
        properties.setPassword(client.get("partner-sync.salesforce.password"));
        properties.setLookBack(Duration.ZERO);
        SalesforceClient salesforce = new SalesforceClient(properties, null);
        fetch = new SalesforceRecordFetch(salesforce);
        objectSync = new SalesforceObjectSync(salesforce, MAPPINGS, new WarehouseWriter(TestDatabase.dataSource()),
                new CheckpointStore(TestDatabase.dataSource()), properties);
    }

    @AfterEach
    void stopAll() throws Exception {
        stopSubscriber();
        sandbox.close();
    }

    /** The connector side as SalesforceCdcConfig wires it, with a short batch window. */
    private void startSubscriber() throws Exception {
        CdcProperties cdc = new CdcProperties();
        cdc.setWindow(Duration.ofMillis(100));
        cdc.setPubSubHost(client.get("partner-sync.salesforce.cdc.pub-sub-host"));
        cdc.setPubSubPort(Integer.parseInt(client.get("partner-sync.salesforce.cdc.pub-sub-port")));
        cdc.setPlaintext(true);
        ChangeEventApplier.IncrementalPoll poll = (object, reason) -> {
            objectSync.sync(object, 0);
            polls.add(object + ": " + reason);
        };
        ChangeEventApplier applier = new ChangeEventApplier(MAPPINGS, fetch, new WarehouseWriter(TestDatabase.dataSource()),
                poll, cdc.getChannel(), cdc.getPollAbove());
        stream = new ChangeStream(applier, SalesforceCdcConfig.notifying(notified::add), cdc.getWindow(), cdc.getMaxIds(),
                cdc.getQueueCapacity());
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", component());
        camel.start();
        subscription = new ChangeSubscription(camel, (SalesforceComponent) camel.getComponent("salesforce"),
                new StreamPositionStore(TestDatabase.dataSource()), cdc, stream, poll,
                MAPPINGS.objects("salesforce"), Clock.systemUTC());
        subscription.start();
        // LATEST means events published after the first fetch request reaches the server
        await().atMost(WAIT).until(() -> pubSub().subscribed() == 1);
    }

    private SalesforceComponent component() {
        SalesforceComponent component = new SalesforceComponent();
        SalesforceLoginConfig login = new SalesforceLoginConfig();
        login.setLoginUrl(client.get("partner-sync.salesforce.login-url"));
        login.setClientId(client.get("partner-sync.salesforce.client-id"));
        login.setClientSecret(client.get("partner-sync.salesforce.client-secret"));
        login.setUserName(client.get("partner-sync.salesforce.username"));
        login.setPassword(client.get("partner-sync.salesforce.password"));
        login.setType(AuthenticationType.USERNAME_PASSWORD);
        login.setLazyLogin(true);
        component.setLoginConfig(login);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion("62.0");
        component.setConfig(config);
        return component;
    }

    private void stopSubscriber() throws Exception {
        if (subscription != null) {
            subscription.stop();
            subscription = null;
        }
        if (stream != null) {
            stream.close();
            stream = null;
        }
        if (camel != null) {
            camel.stop();
            camel = null;
        }
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
        return stream.applied();
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

        assertThat(polls).hasSize(MAPPINGS.objects("salesforce").size())
                .allMatch(p -> p.endsWith(": replay id past retention"));
        assertThat(jdbc.queryForObject("select count(*) from opportunity", Integer.class)).isPositive();
        // subscribed from the newest event: new changes stream in
        String id = liveOpportunity(7);
        dataset.update(Crm.SALESFORCE, "Opportunity", id, Map.of("Name", "After the fallback"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("name", "After the fallback"));
    }

    private String storedReplayId() {
        return new StreamPositionStore(TestDatabase.dataSource()).load("salesforce", "/data/ChangeEvents")
                .map(p -> p.replayId()).orElse(null);
    }

    private SalesforcePubSubServer pubSub() {
        return simulator.pubSub().orElseThrow();
    }
}
