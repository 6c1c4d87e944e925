package com.partnersync.hubspot;

import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an incremental HubSpot run costs when nothing changed, and after a write-back touched many deals at once,
 * against the simulator: the search starts where the last complete search provably ended (less the indexing lag,
 * here 200 ms), so an idle run searches once and finds nothing, and the echo of a write-back is read once.
 */
class IdleSearchCallsTest {
    /** The simulated HubSpot stamps changes and dates its answers by the real clock (the dataset's default). */
    private final SandboxDataset data = SandboxDataset.builder().count(Crm.HUBSPOT, "companies", 20)
            .count(Crm.HUBSPOT, "deals", 300).build();

    @Test
    void anIdleRunSearchesOnceAndAWriteBackEchoIsReadOnce() throws InterruptedException {
        TestDatabase.truncateAll();
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO,
                "look-back", "200ms")) {
            // past the look-back and the Date header's whole second, so a run's read-through is after the changes before it
            long settle = rig.properties.lookBack().toMillis() + 1300;
            assertThat(rig.sync("deals").status()).isEqualTo("SUCCEEDED");
            // a write-back touches 250 deals just after the full load
            List<SandboxRecord> live = data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 1000, false);
            for (int i = 0; i < 250; i++) {
                data.update(Crm.HUBSPOT, "deals", live.get(i).id(), Map.of("partner_id", "P-" + i));
            }
            Thread.sleep(settle);

            ObjectSummary echo = rig.sync("deals");
            Thread.sleep(settle);
            ObjectSummary idle = rig.sync("deals");
            Thread.sleep(settle);
            ObjectSummary idleAgain = rig.sync("deals");

            // every incremental run also lists the archived deals (the only way HubSpot tells of deletions)
            long archived = data.count(Crm.HUBSPOT, "deals", true) - data.count(Crm.HUBSPOT, "deals", false);
            long archivedPages = Math.max(1, (archived + 99) / 100);
            assertThat(echo.read()).isEqualTo(250 + archived);
            // searches of 200 + the archived list + the associations of the changed deals
            assertThat(echo.apiCalls()).isEqualTo(2 + archivedPages + 2);
            assertThat(idle.read()).as("the echo is not read a second time").isEqualTo(archived);
            assertThat(idle.apiCalls()).isEqualTo(1 + archivedPages);
            assertThat(idleAgain.read()).isEqualTo(archived);
            assertThat(idleAgain.apiCalls()).isEqualTo(1 + archivedPages);
            System.out.printf("hubspot deals idle incremental: %d search call(s) + %d archived-list call(s), %d changed records;"
                    + " write-back echo of 250: read once, %d calls%n", 1, archivedPages, idle.read() - archived, echo.apiCalls());
        }
    }
}
