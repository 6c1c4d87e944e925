package com.partnersync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.partnersync.PartnerSyncApplication;
import com.partnersync.app.Command;
import com.partnersync.app.SyncCycle;
import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Long-running mode's management port: /actuator/health (components for the database, each CRM, leadership and the
 * last cycle; liveness and readiness groups) and /actuator/prometheus, against the sandbox CRMs and a PostgreSQL of
 * its own that the test stops and starts again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActuatorEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? (\\S+)$");
    private static Path dataDir;
    private static EmbeddedPostgres postgres;
    private static int port;
    private static SandboxServer sandbox;
    private static ConfigurableApplicationContext app;
    private static String management;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("actuator-pg");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
        port = postgres.getPort();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        sandbox = SandboxServer.start(SandboxDataset.builder().scale(0.02).build(), 0);
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.hikari.connection-timeout=2000",
                "--server.port=0", "--management.server.port=0",
                "--partner-sync.schedule.interval=1h", "--partner-sync.schedule.delay-first=true",
                "--partner-sync.leadership.takeover-timeout=3s"));
        sandbox.clientProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        String[] all = args.toArray(String[]::new);
        app = PartnerSyncApplication.application(Command.parse(all)).run(all);
        management = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.management.port");
    }

    @AfterAll
    static void stop() throws IOException {
        app.close();
        sandbox.close();
        postgres.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(management + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode health(String path) throws Exception {
        return JSON.readTree(get("/actuator/health" + path).body());
    }

    /** Every sample of the Prometheus text format: "name{labels}" -> value. */
    private static Map<String, Double> prometheus() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    private static double sample(Map<String, Double> samples, String name, String... labels) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> List.of(labels).stream().allMatch(l -> e.getKey().contains(l)))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    @Order(1)
    void prometheusCarriesEveryMetricWithTheValuesOfASandboxCycle() throws Exception {
        SyncCycle.Result result = app.getBean(SyncCycle.class).run("scheduled");
        assertThat(result.status()).isEqualTo("SUCCEEDED");
        // change-event handling may call the CRMs meanwhile: the counters must lie between the clients' before and after
        long salesforceBefore = app.getBean(SalesforceClient.class).apiCalls();
        double budgetBefore = (double) app.getBean(SalesforceClient.class).apiUsed() / app.getBean(SalesforceClient.class).apiMax();
        long hubspotBefore = app.getBean(HubSpotClient.class).calls();
        Map<String, Double> samples = prometheus();
        long salesforceAfter = app.getBean(SalesforceClient.class).apiCalls();
        double budgetAfter = (double) app.getBean(SalesforceClient.class).apiUsed() / app.getBean(SalesforceClient.class).apiMax();
        long hubspotAfter = app.getBean(HubSpotClient.class).calls();

        jdbc.query("select source_system, object, inserted, updated, deleted, errors from sync_run_object", rs -> {
            String source = "source=\"" + rs.getString(1) + "\"";
            String object = "object=\"" + rs.getString(2) + "\"";
            for (String outcome : List.of("inserted", "updated", "deleted")) {
                assertThat(sample(samples, "partner_sync_records_total", source, object, "outcome=\"" + outcome + "\""))
                        .as(source + object + outcome).isEqualTo(rs.getLong(outcome));
            }
            assertThat(sample(samples, "partner_sync_records_total", source, object, "outcome=\"error\""))
                    .isEqualTo(rs.getLong("errors"));
            assertThat(sample(samples, "partner_sync_lag_seconds", source, object)).as("lag " + object)
                    .isBetween(0.0, 60.0);
        });
        assertThat(sample(samples, "partner_sync_api_calls_total", "source=\"salesforce\""))
                .isBetween((double) salesforceBefore, (double) salesforceAfter);
        assertThat(sample(samples, "partner_sync_api_calls_total", "source=\"salesforce\"", "kind=\"auth\"")).isEqualTo(1);
        assertThat(sample(samples, "partner_sync_api_calls_total", "source=\"salesforce\"", "kind=\"write\"")).isPositive();
        assertThat(sample(samples, "partner_sync_api_calls_total", "source=\"hubspot\""))
                .isBetween((double) hubspotBefore, (double) hubspotAfter);
        assertThat(sample(samples, "partner_sync_http_429_total", "source=\"hubspot\""))
                .isEqualTo(app.getBean(HubSpotClient.class).rateLimited());
        // the stream and the subscription's start-up check may call Salesforce while the scrape runs
        assertThat(sample(samples, "partner_sync_api_budget_used_ratio", "source=\"salesforce\""))
                .isBetween(budgetBefore, budgetAfter).isPositive();
        assertThat(samples).containsKey("partner_sync_api_budget_used_ratio{source=\"hubspot\"}");
        jdbc.query("select source_system, object, count(*) from v_sync_error_open group by 1, 2", rs -> {
            assertThat(sample(samples, "partner_sync_sync_errors_open", "source=\"" + rs.getString(1) + "\"",
                    "object=\"" + rs.getString(2) + "\"")).isEqualTo(rs.getLong(3));
        });
        for (String state : WarehouseGauges.WRITEBACK_STATES) {
            assertThat(sample(samples, "partner_sync_writeback_queue", "state=\"" + state + "\"")).as(state).isEqualTo(
                    jdbc.queryForObject("select count(*) from writeback_outbox where status = ?", Double.class, state));
        }
        assertThat(sample(samples, "partner_sync_writeback_queue", "state=\"SENT\"")).isPositive();
        assertThat(samples.get("partner_sync_cycle_duration_seconds_count")).isEqualTo(1);
        assertThat(samples.get("partner_sync_cycle_duration_seconds_sum")).isBetween(0.1, 120.0);
        double ended = jdbc.queryForObject("select extract(epoch from ended_at) from sync_run", Double.class);
        assertThat(samples.get("partner_sync_last_success_timestamp_seconds")).isCloseTo(ended, within(2.0));
        assertThat(samples.get("partner_sync_leader")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void healthHasEveryComponentUpAndTheProbeGroups() throws Exception {
        JsonNode health = health("");
        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("UP");
        JsonNode components = health.path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        for (String crm : List.of("salesforce", "hubspot")) {
            JsonNode c = components.path("crm").path("components").path(crm);
            assertThat(c.path("status").asText()).as(crm).isEqualTo("UP");
            assertThat(c.path("details").path("authenticated").asBoolean()).as(crm).isTrue();
            assertThat(Instant.parse(c.path("details").path("lastSuccessfulCall").asText()))
                    .isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        }
        assertThat(components.path("crm").path("components").path("salesforce").path("details")
                .path("apiBudgetUsedRatio").asDouble()).isPositive();
        assertThat(components.path("leadership").path("details").path("role").asText()).isEqualTo("active");
        assertThat(components.path("syncCycle").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("camelHealth").path("status").asText()).isEqualTo("UP");
        assertThat(health("/liveness").path("status").asText()).isEqualTo("UP");
        assertThat(health("/readiness").path("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(3)
    void aCrmRejectingTheLoginIsDownWithItsErrorCodeAfterOneTokenRequest() throws Exception {
        // the session expires and the password no longer works
        StubMapping expired = sandbox.wireMock().stubFor(any(urlPathMatching("/services/data/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        StubMapping rejected = sandbox.wireMock().stubFor(post(urlPathEqualTo("/services/oauth2/token")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}")));
        sandbox.wireMock().resetRequests();

        SyncCycle.Result failed = app.getBean(SyncCycle.class).run("scheduled");

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(sandbox.wireMock().countRequestsMatching(postRequestedFor(urlPathEqualTo("/services/oauth2/token")).build()).getCount())
                .as("token requests in a cycle of 7 Salesforce objects").isEqualTo(1);
        JsonNode salesforce = health("").path("components").path("crm").path("components").path("salesforce");
        assertThat(salesforce.path("status").asText()).isEqualTo("DOWN");
        assertThat(salesforce.path("details").path("error").asText()).isEqualTo("invalid_grant");
        assertThat(health("/readiness").path("status").asText()).as("a CRM does not make the instance unready").isEqualTo("UP");

        sandbox.wireMock().removeStub(expired);
        sandbox.wireMock().removeStub(rejected);
        assertThat(app.getBean(SyncCycle.class).run("scheduled").status()).isEqualTo("SUCCEEDED");
        assertThat(health("").path("components").path("crm").path("components").path("salesforce").path("status").asText())
                .isEqualTo("UP");
    }

    @Test
    @Order(4)
    void theDatabaseGoingAwayIsDownAndItsReturnUp() throws Exception {
        postgres.close();
        JsonNode down = health("");
        assertThat(down.path("components").path("db").path("status").asText()).isEqualTo("DOWN");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/liveness").statusCode()).as("alive, only not ready").isEqualTo(200);

        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (get("/actuator/health/readiness").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(health("").path("components").path("db").path("status").asText()).isEqualTo("UP");
        while (!app.getBean(Leadership.class).isLeader() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(app.getBean(Leadership.class).isLeader()).as("leadership taken again after the outage").isTrue();
    }
}
