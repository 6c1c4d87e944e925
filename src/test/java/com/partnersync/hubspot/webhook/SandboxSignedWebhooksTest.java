package com.partnersync.hubspot.webhook;

import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.sandbox.hubspot.HubSpotSimulator;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox HubSpot's signed webhook calls, sent over HTTP as its records change, into the connector's
 * {@code POST /webhooks/hubspot}: the signature the sandbox computes is the one the connector verifies, and the
 * warehouse row follows a property change, a deletion and a restore.
 */
class SandboxSignedWebhooksTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final List<String> streamed = new CopyOnWriteArrayList<>();
    private final SandboxDataset dataset = SandboxDataset.builder().scale(0.02).build();
    private SandboxServer sandbox;
    private WebhookEndpointOverHttp endpoint;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.truncateAll();
        // the endpoint's port is the sandbox's target; the sandbox's client properties configure the connector
        endpoint = new WebhookEndpointOverHttp();
        sandbox = SandboxServer.start(dataset, List.of(new HubSpotSimulator(endpoint.url())), 0);
        Map<String, String> client = sandbox.clientProperties();
        WebhookProperties webhook = TestSettings.fromKeys(WebhookProperties.class, client);
        HubSpotProperties hubspot = TestSettings.bind(HubSpotProperties.class, "base-url", sandbox.baseUrl(),
                "access-token", client.get("partner-sync.hubspot.access-token"));
        endpoint.serve(new HubSpotWebhookController(webhook, new WebhookChanges(new HubSpotClient(hubspot, null),
                WebhooksHubSpotEndpointTest.MAPPINGS, new WarehouseWriter(TestDatabase.dataSource())), streamed::add));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        endpoint.close();
    }

    private String liveDeal(int nth) {
        return dataset.pageAfter(Crm.HUBSPOT, "deals", null, null, null, nth + 1, false).get(nth).id();
    }

    private Map<String, Object> row(String id) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select name, deleted from opportunity where source_system = 'hubspot' and source_id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void aRenamedDealArrivesSignedAndItsRowFollowsThroughDeleteAndRestore() {
        String id = liveDeal(3);

        dataset.update(Crm.HUBSPOT, "deals", id, Map.of("dealname", "Renamed in the sandbox"));
        // the stream tells rules and write-back just after its commit: wait for both, not only for the row
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(row(id)).containsEntry("name", "Renamed in the sandbox").containsEntry("deleted", false);
            assertThat(streamed).as("rules and write-back told").contains("hubspot");
        });

        dataset.delete(Crm.HUBSPOT, "deals", id);
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("deleted", true));

        dataset.undelete(Crm.HUBSPOT, "deals", id);
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(id)).containsEntry("deleted", false)
                .containsEntry("name", "Renamed in the sandbox"));
    }
}
