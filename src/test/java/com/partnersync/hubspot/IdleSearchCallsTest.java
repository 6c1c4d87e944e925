package com.partnersync.hubspot;

import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an incremental HubSpot run costs when nothing changed, and after a write-back touched many deals at once,
 * against the simulator: the search starts where the last complete search provably ended (less the indexing lag,
 * here 1 s), so an idle run searches once and finds nothing, and the echo of a write-back is read once.
 */
class IdleSearchCallsTest {
    private final MutableClock clock = new MutableClock(SandboxDataset.DEFAULT_AS_OF);
    private final SandboxDataset data = SandboxDataset.builder().count(Crm.HUBSPOT, "companies", 20)
            .count(Crm.HUBSPOT, "deals", 600).clock(clock).build();

    @Test
    void anIdleRunSearchesOnceAndAWriteBackEchoIsReadOnce() throws InterruptedException {
        TestDatabase.truncateAll();
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO)) {
            Duration lag = rig.properties.lookBack();
            assertThat(rig.sync("deals").status()).isEqualTo("SUCCEEDED");
            // a write-back touches 500 deals just after the full load
            List<SandboxRecord> live = data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, 1000, false);
            clock.set(Instant.now());
            for (int i = 0; i < 500; i++) {
                data.update(Crm.HUBSPOT, "deals", live.get(i).id(), Map.of("partner_id", "P-" + i));
            }
            Thread.sleep(lag.toMillis() + 100);

            ObjectSummary echo = rig.sync("deals");
            Thread.sleep(lag.toMillis() + 100);
            ObjectSummary idle = rig.sync("deals");
            Thread.sleep(lag.toMillis() + 100);
            ObjectSummary idleAgain = rig.sync("deals");

            // every incremental run also lists the archived deals (the only way HubSpot tells of deletions)
            long archived = data.count(Crm.HUBSPOT, "deals", true) - data.count(Crm.HUBSPOT, "deals", false);
            long archivedPages = Math.max(1, (archived + 99) / 100);
            assertThat(echo.read()).isEqualTo(500 + archived);
            // searches of 200 + the archived list + the associations of the changed deals
            assertThat(echo.apiCalls()).isEqualTo(3 + archivedPages + 2);
            assertThat(idle.read()).as("the echo is not read a second time").isEqualTo(archived);
            assertThat(idle.apiCalls()).isEqualTo(1 + archivedPages);
            assertThat(idleAgain.read()).isEqualTo(archived);
            assertThat(idleAgain.apiCalls()).isEqualTo(1 + archivedPages);
            System.out.printf("hubspot deals idle incremental: %d search call(s) + %d archived-list call(s), %d changed records;"
                    + " write-back echo of 500: read once, %d calls%n", 1, archivedPages, idle.read() - archived, echo.apiCalls());
        }
    }
}
