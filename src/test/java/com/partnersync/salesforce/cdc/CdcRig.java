package com.partnersync.salesforce.cdc;

import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.salesforce.SalesforceSync;
import com.partnersync.salesforce.SalesforceProperties;
import com.partnersync.salesforce.SalesforceRecordFetch;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.sandbox.salesforce.SalesforcePubSubServer;
import com.partnersync.sandbox.salesforce.SalesforceSimulator;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.StreamPositionStore;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * The sandbox org (REST + Pub/Sub API) and the connector's change stream against it, wired as SalesforceCdcConfig
 * wires them, with a short batch window; polls are the real incremental sync, recorded as "object: reason".
 */
final class CdcRig implements AutoCloseable {
    static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));

    final SandboxDataset dataset;
    final List<String> polls = new CopyOnWriteArrayList<>();
    private final SandboxServer sandbox;
    private final SalesforceSimulator simulator;
    private final SalesforceClients salesforceClients = new SalesforceClients();
    private final Map<String, String> client;
    private final SalesforceSync objectSync;
    private final SalesforceRecordFetch fetch;
    private final SalesforceClient salesforce;
    private Instance subscriber;

    CdcRig(SandboxDataset dataset) {
        this(dataset, Set.of());
    }

    /** @param cdcNotSelected objects the sandbox org has not selected for Change Data Capture */
    CdcRig(SandboxDataset dataset, Set<String> cdcNotSelected) {
        this.dataset = dataset;
        simulator = new SalesforceSimulator(0, cdcNotSelected);
        sandbox = SandboxServer.start(dataset, List.of(simulator), 0);
        client = sandbox.clientProperties();
        SalesforceProperties properties = TestSettings.fromKeys(SalesforceProperties.class, client, "look-back", "0s");
        salesforce = salesforceClients.open(properties);
        fetch = new SalesforceRecordFetch(salesforce);
        objectSync = new SalesforceSync(salesforce, MAPPINGS, new WarehouseWriter(TestDatabase.dataSource()),
                new CheckpointStore(TestDatabase.dataSource()), properties);
    }

    SalesforcePubSubServer pubSub() {
        return simulator.pubSub().orElseThrow();
    }

    SalesforceClient client() {
        return salesforce;
    }

    SandboxServer sandbox() {
        return sandbox;
    }

    SalesforceSync objectSync() {
        return objectSync;
    }

    ChangeStream stream() {
        return subscriber.stream;
    }

    /** Subscribes (resuming after a stored replay id, if any) and waits until the server has the subscription. */
    void startSubscriber(Consumer<ChangeEventApplier.Applied> afterApply) throws Exception {
        subscriber = instance(afterApply);
        subscriber.subscription.start();
        // LATEST means events published after the first fetch request reaches the server
        await().atMost(Duration.ofSeconds(20)).until(() -> pubSub().subscribed() == 1);
    }

    /** One connector instance's change stream (its own Camel context, queue and subscription), not subscribed yet. */
    Instance instance(Consumer<ChangeEventApplier.Applied> afterApply) throws Exception {
        CdcProperties cdc = TestSettings.bind(CdcProperties.class, "window", "100ms",
                "pub-sub-host", client.get("partner-sync.salesforce.cdc.pub-sub-host"),
                "pub-sub-port", client.get("partner-sync.salesforce.cdc.pub-sub-port"), "plaintext", true);
        ChangeEventApplier.IncrementalPoll poll = (object, reason) -> {
            objectSync.sync(object, 0);
            polls.add(object + ": " + reason);
        };
        ChangeEventApplier applier = new ChangeEventApplier(MAPPINGS, fetch, new WarehouseWriter(TestDatabase.dataSource()),
                poll, cdc.channel(), cdc.pollAbove());
        ChangeStream stream = new ChangeStream(applier, afterApply, cdc.window(), cdc.maxIds(), cdc.queueCapacity());
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("salesforce", component());
        camel.start();
        ChangeSubscription subscription = new ChangeSubscription(camel, (SalesforceComponent) camel.getComponent("salesforce"),
                new StreamPositionStore(TestDatabase.dataSource()), cdc, stream, poll,
                MAPPINGS.objects("salesforce"), new CdcEntitySelection(salesforce), Clock.systemUTC());
        return new Instance(camel, stream, subscription, cdc.channel());
    }

    record Instance(DefaultCamelContext camel, ChangeStream stream, ChangeSubscription subscription, String channel)
            implements AutoCloseable {
        boolean subscribed() {
            return camel.getRoute(ChangeSubscription.ROUTE_ID) != null;
        }

        /** As a crash would: the subscription, the queue and its worker go; what was committed stays. */
        @Override
        public void close() throws Exception {
            subscription.stop();
            stream.close();
            camel.stop();
        }
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

    void stopSubscriber() throws Exception {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }

    @Override
    public void close() throws Exception {
        stopSubscriber();
        salesforceClients.close();
        sandbox.close();
    }
}
