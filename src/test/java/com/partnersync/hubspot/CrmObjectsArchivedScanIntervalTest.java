package com.partnersync.hubspot;

import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.partnersync.testsupport.HubSpotFake.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /crm/v3/objects/<type>?archived=true} on its own cadence (archived-scan-interval, here the default 1 h):
 * an idle incremental within it costs the one search; once it has passed the list is walked and what was archived
 * meanwhile soft-deleted; the time of the last complete walk is kept in sync_checkpoint and a failed walk leaves it.
 */
class CrmObjectsArchivedScanIntervalTest {
    private static final String COMPANIES = "/crm/v3/objects/companies";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private HubSpotTestRig rig;

    @BeforeEach
    void fullLoadThenFirstIncremental() {
        TestDatabase.truncateAll();
        rig = HubSpotTestRig.withStubs("archived-scan-interval", "1h");
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", absent()).willReturn(okJson(fixture("crm-v3-objects-companies-page1.json"))));
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", equalTo("5003")).willReturn(okJson(fixture("crm-v3-objects-companies-page2.json"))));
        rig.server.stubFor(post(urlPathEqualTo(COMPANIES + "/search")).willReturn(okJson(fixture("crm-v3-objects-search-empty.json"))));
        stubArchived("crm-v3-objects-companies-archived-empty.json");
        assertThat(rig.sync("companies").status()).isEqualTo(RunStatus.SUCCEEDED);
        // never walked yet: the first incremental walks the archived list and remembers when
        ObjectSummary first = rig.sync("companies");
        assertThat(first.apiCalls()).isEqualTo(2);
        assertThat(rig.checkpoints.archivedScannedAt("hubspot", "companies")).isPresent();
        rig.server.resetRequests();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private void stubArchived(String fixture) {
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("true"))
                .willReturn(okJson(fixture(fixture))));
    }

    private void archivedScanPassed() {
        jdbc.update("update sync_checkpoint set archived_scanned_at = ? where object = 'companies'",
                Timestamp.from(Instant.now().minus(Duration.ofHours(2))));
    }

    private boolean deleted(String id) {
        return jdbc.queryForObject("select deleted from account where source_id = ?", Boolean.class, id);
    }

    @Test
    void idleIncrementalWithinTheIntervalMakesOnlyTheSearchCall() {
        stubArchived("crm-v3-objects-companies-archived.json");

        ObjectSummary idle = rig.sync("companies");

        assertThat(idle.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(idle.apiCalls()).isEqualTo(1);
        rig.server.verify(1, postRequestedFor(urlPathEqualTo(COMPANIES + "/search")));
        rig.server.verify(0, getRequestedFor(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("true")));
        assertThat(deleted("5002")).isFalse();
    }

    @Test
    void onceTheIntervalHasPassedTheArchivedListIsWalkedAndTheArchivedRecordSoftDeleted() {
        stubArchived("crm-v3-objects-companies-archived.json");
        archivedScanPassed();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        ObjectSummary due = rig.sync("companies");

        assertThat(due.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(due.apiCalls()).isEqualTo(2);
        assertThat(due.deleted()).isEqualTo(1);
        assertThat(deleted("5002")).isTrue();
        rig.server.verify(1, getRequestedFor(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("true")));
        assertThat(rig.checkpoints.archivedScannedAt("hubspot", "companies")).hasValueSatisfying(
                at -> assertThat(at).isAfterOrEqualTo(before.minusMillis(1)));
    }

    @Test
    void aFailedArchivedWalkDoesNotAdvanceItsTimeAndIsRetriedNextRun() {
        archivedScanPassed();
        Instant lastComplete = rig.checkpoints.archivedScannedAt("hubspot", "companies").orElseThrow();
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("true"))
                .willReturn(aResponse().withStatus(400).withBody(fixture("error-400-invalid-after.json"))));

        assertThat(rig.sync("companies").status()).isEqualTo(RunStatus.FAILED);
        assertThat(rig.checkpoints.archivedScannedAt("hubspot", "companies")).contains(lastComplete);

        stubArchived("crm-v3-objects-companies-archived.json");
        ObjectSummary retried = rig.sync("companies");

        assertThat(retried.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(deleted("5002")).isTrue();
        assertThat(rig.checkpoints.archivedScannedAt("hubspot", "companies")).hasValueSatisfying(
                at -> assertThat(at).isAfter(lastComplete));
    }
}
