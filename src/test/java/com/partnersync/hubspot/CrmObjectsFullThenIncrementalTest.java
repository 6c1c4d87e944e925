package com.partnersync.hubspot;

import com.partnersync.testsupport.MutableClock;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full load by {@code GET /crm/v3/objects/<type>} then an incremental run by search and {@code archived=true}
 * against the sandbox: afterwards the warehouse holds exactly the sandbox's live deals, with their current values,
 * and the archived ones soft-deleted.
 */
class CrmObjectsFullThenIncrementalTest {
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final MutableClock clock = new MutableClock(SandboxDataset.DEFAULT_AS_OF);
    private final SandboxDataset data = SandboxDataset.builder().count(Crm.HUBSPOT, "companies", 300)
            .count(Crm.HUBSPOT, "deals", 400).clock(clock).build();

    @Test
    void warehouseEqualsTheSandboxAfterFullAndIncrementalRuns() {
        TestDatabase.truncateAll();
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO)) {
            assertThat(rig.syncTogether("companies", "deals")).allSatisfy(s -> assertThat(s.status()).isEqualTo("SUCCEEDED"));
            assertWarehouseMatchesSandbox();

            List<SandboxRecord> live = data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 1000, false);
            for (int i = 0; i < 30; i++) {
                clock.set(Instant.now());
                data.update(Crm.HUBSPOT, "deals", live.get(i).id(), Map.of("dealname", "Renamed " + i));
            }
            for (int i = 30; i < 40; i++) {
                clock.set(Instant.now());
                data.delete(Crm.HUBSPOT, "deals", live.get(i).id());
            }

            List<ObjectSummary> incremental = rig.syncTogether("companies", "deals");

            assertThat(incremental).allSatisfy(s -> assertThat(s.status()).isEqualTo("SUCCEEDED"));
            ObjectSummary deals = incremental.get(1);
            assertThat(deals.updated()).isEqualTo(30);
            assertThat(deals.deleted()).isEqualTo(10);
            assertWarehouseMatchesSandbox();
        }
    }

    private void assertWarehouseMatchesSandbox() {
        Map<String, String> liveNames = new HashMap<>();
        data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 1000, false)
                .forEach(r -> liveNames.put(r.id(), (String) r.fields().get("dealname")));
        Set<String> rejected = Set.copyOf(jdbc.queryForList(
                "select distinct record_id from sync_error where object = 'deals'", String.class));
        Map<String, String> rows = jdbc.queryForList("select source_id, name from opportunity where not deleted").stream()
                .collect(Collectors.toMap(r -> (String) r.get("source_id"), r -> String.valueOf(r.get("name"))));

        Map<String, String> expected = new HashMap<>(liveNames);
        expected.keySet().removeAll(rejected);
        assertThat(rows).isEqualTo(expected);
        assertThat(jdbc.queryForList("select source_id from opportunity where deleted", String.class))
                .allSatisfy(id -> assertThat(liveNames).doesNotContainKey(id));
    }
}
