package com.partnersync.hubspot;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.partnersync.testsupport.HubSpotFake.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Deal associations by {@code POST /crm/v4/associations/deals/<to>/batch/read} land on the opportunity row. */
class CrmAssociationsBatchReadTest {
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private HubSpotTestRig rig;

    @BeforeEach
    void start() {
        TestDatabase.truncateAll();
        rig = HubSpotTestRig.withStubs();
        rig.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).willReturn(okJson(fixture("crm-v3-objects-deals-page.json"))));
        rig.server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/companies/batch/read"))
                .willReturn(okJson(fixture("crm-v4-associations-deals-companies-batch-read.json"))));
        rig.server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/contacts/batch/read"))
                .willReturn(okJson(fixture("crm-v4-associations-deals-contacts-batch-read.json"))));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void primaryCompanyBecomesTheAccountAndContactsTheContactList() {
        assertThat(rig.syncTogether("deals")).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED));

        rig.server.verify(1, postRequestedFor(urlPathEqualTo("/crm/v4/associations/deals/companies/batch/read"))
                .withRequestBody(equalToJson("{\"inputs\":[{\"id\":\"9001\"},{\"id\":\"9002\"},{\"id\":\"9003\"}]}")));
        Map<String, Object> renewal = jdbc.queryForMap(
                "select account_source_id, contact_source_ids::text as contacts from opportunity where source_id = '9001'");
        assertThat(renewal).containsEntry("account_source_id", "5001").containsEntry("contacts", "{7001,7002}");
        Map<String, Object> expansion = jdbc.queryForMap(
                "select account_source_id, contact_source_ids::text as contacts, is_won from opportunity where source_id = '9003'");
        assertThat(expansion).containsEntry("account_source_id", "5003").containsEntry("contacts", null)
                .containsEntry("is_won", true);
        assertThat(jdbc.queryForObject("select raw -> 'associations' -> 'companies' = '[\"5001\", \"5003\"]'::jsonb "
                + "from opportunity where source_id = '9001'", Boolean.class)).as("associations kept in raw for replay").isTrue();
    }
}
