package com.partnersync.hubspot;

import com.partnersync.testsupport.CrmFake;
import com.partnersync.testsupport.HubSpotFake;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.testsupport.MutableClock;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 whose body is cut off or is an HTML page, on each HubSpot read endpoint (list, search, v4 association batch
 * read), against the HubSpot simulator: retried, then that object FAILED naming the endpoint, nothing advanced on
 * its strength, and after the next run the warehouse equals the CRM.
 */
class MalformedCrmResponsesTest {
    /** A real answer's body, which a truncated answer is the first half of. */
    private static final String REAL = HubSpotFake.fixture("crm-v3-objects-deals-page.json");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final MutableClock clock = new MutableClock(SandboxDataset.DEFAULT_AS_OF);
    private final SandboxDataset data = SandboxDataset.builder().count(Crm.HUBSPOT, "companies", 20)
            .count(Crm.HUBSPOT, "deals", 250).clock(clock).build();

    private static StubMapping inject(HubSpotTestRig rig, MappingBuilder request, String kind) {
        return rig.fake.answer(request, CrmFake.malformed(kind, REAL));
    }

    private int attempts(HubSpotTestRig rig, String path) {
        return (int) rig.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(path) && e.getStubMapping().getPriority() == 1).count();
    }

    @ParameterizedTest(name = "list page 3 {0}")
    @CsvSource({"truncated", "html"})
    void listPage(String kind) {
        TestDatabase.truncateAll();
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO)) {
            // the full load's list pages: the first two answer, the third is broken
            String secondCursor = data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 200, false).get(199).id();
            StubMapping broken = inject(rig, get(urlPathEqualTo("/crm/v3/objects/deals"))
                    .withQueryParam("archived", matching("false")).withQueryParam("after", matching(".+"))
                    .withQueryParam("after", matching("(?!" + data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 100, false)
                            .get(99).id() + "$).*")), kind);

            ObjectSummary failed = rig.sync("deals");

            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.message()).contains("HubSpot GET /crm/v3/objects/deals answered 200 with a malformed body: not JSON");
            assertThat(attempts(rig, "/crm/v3/objects/deals")).isEqualTo(rig.properties.maxAttempts());
            assertThat(rig.checkpoints.load("hubspot", "deals")).isEmpty();
            // the cursor stands after the last committed batch, never past the broken page
            assertThat(rig.cursors.load("deals")).hasValueSatisfying(c -> assertThat(c.after()).isIn(null, secondCursor,
                    data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 100, false).get(99).id()));

            rig.fake.heal(broken);
            assertThat(rig.sync("deals").status()).isEqualTo(RunStatus.SUCCEEDED);
            assertWarehouseEqualsCrm();
        }
    }

    @ParameterizedTest(name = "search {0}")
    @CsvSource({"truncated", "html"})
    void searchPage(String kind) {
        TestDatabase.truncateAll();
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO)) {
            assertThat(rig.sync("deals").status()).isEqualTo(RunStatus.SUCCEEDED);
            Optional<Checkpoint> before = rig.checkpoints.load("hubspot", "deals");
            List<SandboxRecord> live = data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 1000, false);
            for (int i = 0; i < 20; i++) {
                clock.set(Instant.now());
                data.update(Crm.HUBSPOT, "deals", live.get(i).id(), Map.of("dealname", "Renamed " + i));
            }
            StubMapping broken = inject(rig, post(urlPathEqualTo("/crm/v3/objects/deals/search")), kind);

            ObjectSummary failed = rig.sync("deals");

            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.message()).contains("HubSpot POST /crm/v3/objects/deals/search answered 200 with a malformed body");
            assertThat(attempts(rig, "/crm/v3/objects/deals/search")).isEqualTo(rig.properties.maxAttempts());
            assertThat(rig.checkpoints.load("hubspot", "deals")).isEqualTo(before);

            rig.fake.heal(broken);
            assertThat(rig.sync("deals").status()).isEqualTo(RunStatus.SUCCEEDED);
            assertWarehouseEqualsCrm();
        }
    }

    @ParameterizedTest(name = "associations {0}")
    @CsvSource({"truncated", "html"})
    void associationBatchRead(String kind) {
        TestDatabase.truncateAll();
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO)) {
            StubMapping broken = inject(rig, post(urlPathEqualTo("/crm/v4/associations/deals/companies/batch/read")), kind);

            ObjectSummary failed = rig.sync("deals");

            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.message()).contains(
                    "HubSpot POST /crm/v4/associations/deals/companies/batch/read answered 200 with a malformed body");
            assertThat(jdbc.queryForObject("select count(*) from opportunity", Integer.class))
                    .as("no deal committed without its links").isZero();

            rig.fake.heal(broken);
            assertThat(rig.sync("deals").status()).isEqualTo(RunStatus.SUCCEEDED);
            assertWarehouseEqualsCrm();
        }
    }

    @Test
    void a207WithNoAssociationsFoundForSomeDealsKeepsWorking() {
        TestDatabase.truncateAll();
        try (HubSpotTestRig rig = dealsWithCompanies207(HubSpotFake.fixture("crm-v4-associations-deals-companies-batch-read-207.json"))) {

            ObjectSummary deals = rig.sync("deals");

            assertThat(deals.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(jdbc.queryForList("select source_id || ':' || coalesce(account_source_id, '-') from opportunity"
                    + " order by source_id", String.class)).containsExactly("9001:5001", "9003:5003");
            // 9002 (its amount is refused, see CrmObjectsListTest) was read with no companies: the 207's error
            assertThat(jdbc.queryForList("select field || ' ' || (raw -> 'associations' ->> 'companies') from sync_error"
                    + " where record_id = '9002'", String.class)).containsExactly("amount -> amount []");
        }
    }

    @Test
    void a207WithAnotherErrorFailsRatherThanClearingLinks() {
        TestDatabase.truncateAll();
        try (HubSpotTestRig rig = dealsWithCompanies207(HubSpotFake.fixture(
                "crm-v4-associations-deals-companies-batch-read-207.json").replace("OBJECT_NOT_FOUND", "INTERNAL_ERROR"))) {

            ObjectSummary deals = rig.sync("deals");

            assertThat(deals.status()).isEqualTo(RunStatus.FAILED);
            assertThat(deals.message()).contains("error INTERNAL_ERROR");
            assertThat(jdbc.queryForObject("select count(*) from opportunity", Integer.class)).isZero();
        }
    }

    /** The deals list fixture, its contacts, and this 207 multi-status answer for its companies. */
    private static HubSpotTestRig dealsWithCompanies207(String body) {
        HubSpotTestRig rig = HubSpotTestRig.withStubs();
        rig.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).willReturn(okJson(HubSpotFake.fixture("crm-v3-objects-deals-page.json"))));
        rig.server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/contacts/batch/read"))
                .willReturn(okJson(HubSpotFake.fixture("crm-v4-associations-deals-contacts-batch-read.json"))));
        rig.server.stubFor(post(urlPathEqualTo("/crm/v4/associations/deals/companies/batch/read")).willReturn(aResponse()
                .withStatus(207).withHeader("Content-Type", "application/json").withBody(body)));
        return rig;
    }

    /** Every live sandbox deal (except records the sandbox plants as unloadable) with its name and company links. */
    private void assertWarehouseEqualsCrm() {
        Map<String, String> expected = new HashMap<>();
        for (SandboxRecord deal : data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 1000, false)) {
            expected.put(deal.id(), deal.fields().get("dealname") + " " + new TreeSet<>(data.associations("deals", deal.id(), "companies")));
        }
        Set<String> rejected = Set.copyOf(jdbc.queryForList(
                "select distinct record_id from sync_error where object = 'deals' and severity = 'error'", String.class));
        expected.keySet().removeAll(rejected);
        Map<String, String> rows = jdbc.queryForList("""
                        select source_id, name, raw -> 'associations' -> 'companies' as companies
                        from opportunity where not deleted""").stream()
                .collect(Collectors.toMap(r -> (String) r.get("source_id"), r -> r.get("name") + " "
                        + new TreeSet<>(companies(String.valueOf(r.get("companies"))))));
        assertThat(rows).isEqualTo(expected);
    }

    private static List<String> companies(String json) {
        return json.equals("null") ? List.of() : List.of(json.replaceAll("[\\[\\]\" ]", "").split(",")).stream()
                .filter(s -> !s.isEmpty()).toList();
    }
}
