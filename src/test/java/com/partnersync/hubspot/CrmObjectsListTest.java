package com.partnersync.hubspot;

import com.partnersync.warehouse.RunStatus;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.partnersync.testsupport.HubSpotFake.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Full load by {@code GET /crm/v3/objects/<type>} (limit, after), its resumption, and archived=true soft deletes. */
class CrmObjectsListTest {
    private static final String COMPANIES = "/crm/v3/objects/companies";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private HubSpotTestRig rig;

    @BeforeEach
    void start() {
        TestDatabase.truncateAll();
        rig = HubSpotTestRig.withStubs();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private void stubCompanyPages() {
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", absent()).willReturn(okJson(fixture("crm-v3-objects-companies-page1.json"))));
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("false"))
                .withQueryParam("after", equalTo("5003")).willReturn(okJson(fixture("crm-v3-objects-companies-page2.json"))));
    }

    @Test
    void fullLoadPagesThroughTheListWithLimitAndAfterThenLeavesACheckpoint() {
        stubCompanyPages();

        ObjectSummary summary = rig.sync("companies");

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.read()).isEqualTo(3);
        assertThat(summary.apiCalls()).isEqualTo(2);
        rig.server.verify(2, getRequestedFor(urlPathEqualTo(COMPANIES))
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("properties", WireMock.containing("numberofemployees"))
                .withHeader("Authorization", equalTo("Bearer pat-na1-test-token")));
        assertThat(jdbc.queryForList("select source_id from account order by source_id", String.class))
                .containsExactly("5001", "5002", "5003");
        assertThat(jdbc.queryForMap("select name, domain, employee_count, partner_type from account where source_id = '5001'"))
                .containsEntry("name", "Northwind Traders").containsEntry("domain", "northwind.example")
                .containsEntry("employee_count", 120).containsEntry("partner_type", "reseller");
        assertThat(jdbc.queryForList("select source_id from partner", String.class)).containsExactly("5001");
        assertThat(rig.checkpoints.load("hubspot", "companies")).isPresent();
        assertThat(rig.cursors.load("companies")).isEmpty();
    }

    @Test
    void interruptedFullLoadResumesFromTheStoredListCursor() {
        rig.close();
        rig = HubSpotTestRig.withStubs("association-batch-size", 100);
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("after", absent())
                .willReturn(okJson(fixture("crm-v3-objects-companies-page1.json"))));
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("after", equalTo("5003"))
                .willReturn(aResponse().withStatus(400).withBody(fixture("error-400-invalid-after.json"))));

        assertThat(rig.sync("companies").status()).isEqualTo(RunStatus.FAILED);
        assertThat(rig.cursors.load("companies")).hasValueSatisfying(c -> assertThat(c.after()).isEqualTo("5003"));
        assertThat(rig.checkpoints.load("hubspot", "companies")).isEmpty();

        rig.server.resetRequests();
        stubCompanyPages();
        ObjectSummary resumed = rig.sync("companies");

        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(resumed.read()).isEqualTo(1);
        rig.server.verify(0, getRequestedFor(urlPathEqualTo(COMPANIES)).withQueryParam("after", absent()));
        assertThat(jdbc.queryForObject("select count(*) from account", Long.class)).isEqualTo(3);
        assertThat(rig.cursors.load("companies")).isEmpty();
    }

    @Test
    void archivedCompanyIsSoftDeleted() {
        stubCompanyPages();
        rig.sync("companies");
        rig.server.stubFor(post(urlPathEqualTo(COMPANIES + "/search")).willReturn(okJson(fixture("crm-v3-objects-search-empty.json"))));
        rig.server.stubFor(get(urlPathEqualTo(COMPANIES)).withQueryParam("archived", equalTo("true"))
                .willReturn(okJson(fixture("crm-v3-objects-companies-archived.json"))));

        ObjectSummary incremental = rig.sync("companies");

        assertThat(incremental.deleted()).isEqualTo(1);
        assertThat(jdbc.queryForMap("select deleted, source_modified_at from account where source_id = '5002'"))
                .containsEntry("deleted", true)
                .containsEntry("source_modified_at", Timestamp.from(Instant.parse("2026-11-02T12:00:00Z")));
        assertThat(jdbc.queryForObject("select count(*) from account where not deleted", Long.class)).isEqualTo(2);
    }

    @Test
    void recordWithAnUnparseablePropertyGoesToSyncErrorsAndThePageStillLoads() {
        rig.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).willReturn(okJson(fixture("crm-v3-objects-deals-page.json"))));
        rig.server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/companies/batch/read"))
                .willReturn(okJson(fixture("crm-v4-associations-deals-companies-batch-read.json"))));
        rig.server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/contacts/batch/read"))
                .willReturn(okJson(fixture("crm-v4-associations-deals-contacts-batch-read.json"))));

        ObjectSummary summary = rig.sync("deals");

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(jdbc.queryForList("select source_id from opportunity order by source_id", String.class))
                .containsExactly("9001", "9003");
        assertThat(jdbc.queryForMap("select object, record_id, field, raw ->> 'id' as raw_id from sync_error"))
                .containsEntry("object", "deals").containsEntry("record_id", "9002").containsEntry("raw_id", "9002")
                .hasEntrySatisfying("field", field -> assertThat((String) field).startsWith("amount"));
    }
}
