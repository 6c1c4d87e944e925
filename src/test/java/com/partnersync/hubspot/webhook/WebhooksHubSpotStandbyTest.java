package com.partnersync.hubspot.webhook;

import com.partnersync.testsupport.HubSpotFake;
import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.ops.Leadership;
import com.partnersync.ops.StandbyWebhookFilter;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * {@code POST /webhooks/hubspot} on an active and on a standby instance ({@link StandbyWebhookFilter} in front of the
 * controller, as long-running mode registers it): only the active instance applies a signed call; a standby answers
 * 503 with Retry-After, so HubSpot retries, and reads nothing from HubSpot and writes nothing.
 */
class WebhooksHubSpotStandbyTest {
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private static final String PUBLIC_URL = "https://sync.example.com/webhooks/hubspot";
    private static final String BATCH_READ = "/crm/v3/objects/companies/batch/read";

    private final HubSpotFake hubspot = new HubSpotFake();
    private final List<String> streamed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        TestDatabase.truncateAll();
        hubspot.server.stubFor(post(urlEqualTo(BATCH_READ)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(fixture("crm-v3-objects-companies-batch-read.json"))));
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = WebhooksHubSpotStandbyTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0} instance -> {1}")
    @CsvSource({
            "active,  204, 1, 1, ",
            "standby, 503, 0, 0, 30"})
    void onlyTheActiveInstanceAppliesAWebhookCall(String role, int status, int batchReads, int rows, String retryAfter)
            throws Exception {
        Leadership leadership = mock(Leadership.class);
        when(leadership.isLeader()).thenReturn(role.equals("active"));
        when(leadership.holder()).thenReturn("partner-sync other-host pid 1");
        HubSpotProperties client = hubspot.properties("requests-per-interval", 10_000, "searches-per-second", 1000);
        WebhookProperties properties = TestSettings.bind(WebhookProperties.class, "client-secret", SECRET,
                "public-url", PUBLIC_URL);
        HubSpotWebhookController controller = new HubSpotWebhookController(properties,
                new WebhookChanges(new HubSpotClient(client, null), MAPPINGS, new WarehouseWriter(TestDatabase.dataSource())),
                streamed::add);
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
                .addFilter(new StandbyWebhookFilter(leadership, Duration.ofSeconds(30)), StandbyWebhookFilter.PATHS).build();

        String body = fixture("webhook-companies-property-change.json");
        String timestamp = Long.toString(Instant.now().toEpochMilli());
        MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.post("/webhooks/hubspot").contentType("application/json")
                .content(body).header("X-HubSpot-Request-Timestamp", timestamp)
                .header("X-HubSpot-Signature-v3", new WebhookSignature(SECRET, Duration.ofMinutes(5))
                        .sign("POST", PUBLIC_URL, body, timestamp))).andReturn().getResponse();
        controller.drain();

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getHeader("Retry-After")).isEqualTo(retryAfter);
        hubspot.server.verify(batchReads, postRequestedFor(urlEqualTo(BATCH_READ)));
        assertThat(TestDatabase.jdbc().queryForObject("select count(*) from account where source_system = 'hubspot'",
                Integer.class)).isEqualTo(rows);
        assertThat(streamed).hasSize(rows);
    }
}
