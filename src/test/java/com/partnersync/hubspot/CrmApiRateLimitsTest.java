package com.partnersync.hubspot;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.partnersync.testsupport.HubSpotFake.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the client and routes treat HubSpot's 429 (TEN_SECONDLY_ROLLING, DAILY), 423 and 502/503/504 answers. */
class CrmApiRateLimitsTest {
    private static final String COMPANIES = "/crm/v3/objects/companies";
    private static final String DEALS_SEARCH = "/crm/v3/objects/deals/search";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private HubSpotTestRig rig;

    @BeforeEach
    void start() {
        TestDatabase.truncateAll();
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    private static ResponseDefinitionBuilder rateLimited(String body, int remaining) {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json;charset=utf-8")
                .withHeader("X-HubSpot-RateLimit-Max", "190").withHeader("X-HubSpot-RateLimit-Remaining", String.valueOf(remaining))
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000").withBody(body);
    }

    /** First answer {@code first}, {@code times} times, then the list page. */
    private void companiesAfter(ResponseDefinitionBuilder first, int times) {
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).willReturn(okJson(fixture("crm-v3-objects-companies-page2.json"))));
        rig.fake.answer(get(urlPathEqualTo(COMPANIES)), first, times);
    }

    @Test
    void tenSecondlyRolling429IsWaitedOutAndTheRunFinishes() {
        rig = HubSpotTestRig.withStubs();
        companiesAfter(rateLimited(fixture("error-429-ten-secondly-rolling.json"), 0), 2);

        ObjectSummary summary = rig.sync("companies");

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.apiCalls()).as("the object's requests").isEqualTo(1);
        assertThat(rig.client.calls()).as("attempts sent, the 429'd one included").isEqualTo(3);
        assertThat(rig.client.rateLimited()).isEqualTo(2);
        assertThat(jdbc.queryForList("select source_id from account", String.class)).containsExactly("5003");
    }

    @Test
    void simulatorBurstLimitIsWaitedOutWithoutLosingPages() {
        SandboxDataset data = SandboxDataset.builder().count(Crm.HUBSPOT, "companies", 40).build();
        rig = HubSpotTestRig.withSimulator(data, new HubSpotSimulatorTransformer.Limits(3, 600, 5, 1_000_000),
                "secondly-wait", "200ms", "list-page-size", 2);

        ObjectSummary summary = rig.sync("companies");

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rig.client.rateLimited()).as("the client was not limited, the simulator answered 429").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from account", Long.class) + jdbc.queryForObject(
                "select count(distinct record_id) from sync_error where object = 'companies'", Long.class))
                .isEqualTo(data.count(Crm.HUBSPOT, "companies", false));
    }

    @Test
    void daily429PausesTheObjectAndKeepsTheCommittedCheckpoint() {
        rig = HubSpotTestRig.withStubs("search-page-size", 2, "association-batch-size", 2);
        Instant checkpoint = Instant.parse("2026-10-01T00:00:00Z");
        jdbc.update("insert into sync_checkpoint (source_system, object, last_modified_at, last_id) values ('hubspot', 'deals', ?, '1')",
                Timestamp.from(checkpoint));
        rig.server.stubFor(post(urlPathEqualTo(DEALS_SEARCH)).inScenario("daily").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("""
                        {"total": 3, "results": [%s, %s], "paging": {"next": {"after": "2"}}}"""
                        .formatted(deal("9001", "2026-10-05T09:00:00Z"), deal("9003", "2026-10-07T09:00:00Z"))))
                .willSetStateTo("used up"));
        rig.server.stubFor(post(urlPathEqualTo(DEALS_SEARCH)).inScenario("daily").whenScenarioStateIs("used up")
                .willReturn(rateLimited(fixture("error-429-daily.json"), 150)));
        rig.server.stubFor(post(urlPathMatching("/crm/v4/associations/deals/.*/batch/read"))
                .willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")));

        ObjectSummary summary = rig.sync("deals");

        assertThat(summary.status()).isEqualTo(RunStatus.PAUSED_LIMIT);
        assertThat(summary.message()).contains("daily");
        assertThat(rig.checkpoints.load("hubspot", "deals"))
                .contains(new Checkpoint(Instant.parse("2026-10-07T09:00:00Z"), "9003"));
        assertThat(jdbc.queryForList("select source_id from opportunity order by 1", String.class)).containsExactly("9001", "9003");

        rig.server.resetRequests();
        assertThat(rig.sync("deals").status()).as("the same day, no further call is spent").isEqualTo(RunStatus.PAUSED_LIMIT);
        rig.server.verify(0, anyRequestedFor(anyUrl()));
    }

    private static String deal(String id, String modified) {
        return """
                {"id": "%1$s", "properties": {"dealname": "Deal %1$s", "hs_lastmodifieddate": "%2$s", "hs_object_id": "%1$s"},
                 "createdAt": "2026-09-01T00:00:00Z", "updatedAt": "%2$s", "archived": false}""".formatted(id, modified);
    }

    @ParameterizedTest(name = "{0} answered {1} time(s), then 200")
    @CsvSource({"423, 1", "502, 2", "503, 3", "504, 5"})
    void transientAnswersAreRetriedThenSucceed(int status, int times) {
        rig = HubSpotTestRig.withStubs("locked-wait", "250ms");
        companiesAfter(aResponse().withStatus(status).withBody(fixture("error-423-locked.json")), times);
        long started = System.nanoTime();

        assertThat(rig.client.call("GET", COMPANIES + "?limit=100", null).path("results")).hasSize(1);

        assertThat(rig.client.calls()).isEqualTo(times + 1);
        if (status == 423) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("423 waits locked-wait").isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void retriesAreBoundedAndThenFailWithTheCrmError() {
        rig = HubSpotTestRig.withStubs();
        companiesAfter(aResponse().withStatus(504).withBody("{\"status\":\"error\",\"message\":\"gateway timeout\",\"correlationId\":\"x\",\"category\":\"UNKNOWN\"}"), 10);

        assertThatThrownBy(() -> rig.client.call("GET", COMPANIES, null))
                .isInstanceOfSatisfying(CrmApiException.class, e -> assertThat(e.status()).isEqualTo(504))
                .hasMessageContaining("gateway timeout");
        assertThat(rig.client.calls()).isEqualTo(rig.properties.maxAttempts());
    }

    @Test
    void accessTokenReachesNeitherLogsNorErrors() {
        rig = HubSpotTestRig.withStubs();
        companiesAfter(aResponse().withStatus(503).withBody("{\"status\":\"error\",\"message\":\"unavailable\"}"), 10);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            ObjectSummary summary = rig.sync("companies");

            assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
            assertThat(summary.message()).contains("503").doesNotContain("pat-na1-test-token");
            assertThat(logs.list).isNotEmpty().allSatisfy(event -> {
                assertThat(event.getFormattedMessage()).doesNotContain("pat-na1-test-token");
                if (event.getThrowableProxy() != null) {
                    assertThat(event.getThrowableProxy().getMessage()).doesNotContain("pat-na1-test-token");
                }
            });
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void clientErrorsAreNotRetried() {
        rig = HubSpotTestRig.withStubs();
        companiesAfter(aResponse().withStatus(400).withBody(fixture("error-400-invalid-after.json")), 1);

        assertThatThrownBy(() -> rig.client.call("GET", COMPANIES, null)).isInstanceOf(CrmApiException.class)
                .hasMessageContaining("Invalid input JSON");
        assertThat(rig.client.calls()).isEqualTo(1);
    }
}
