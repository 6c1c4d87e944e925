package com.partnersync.hubspot;

import com.partnersync.testsupport.MutableClock;
import com.partnersync.sandbox.hubspot.HubSpotSimulatorTransformer;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental sync by {@code POST /crm/v3/objects/deals/search} against the sandbox's HubSpot simulator, which
 * refuses to page past 10,000 results like HubSpot does. Deals are changed in the sandbox after the checkpoint.
 */
class CrmObjectsSearchTest {
    private static final Instant CHECKPOINT = SandboxDataset.DEFAULT_AS_OF.plusSeconds(3600);
    private static final Instant CHANGES = CHECKPOINT.plusSeconds(3600);
    private static final HubSpotSimulatorTransformer.Limits GENEROUS = new HubSpotSimulatorTransformer.Limits(100_000, 10_000, 1000, 1_000_000);

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final MutableClock clock = new MutableClock(CHANGES);

    @BeforeEach
    void incrementalFromCheckpoint() {
        TestDatabase.truncateAll();
        jdbc.update("insert into sync_checkpoint (source_system, object, last_modified_at, last_id) values ('hubspot', 'deals', ?, '1')",
                Timestamp.from(CHECKPOINT));
    }

    private SandboxDataset deals(long count) {
        return SandboxDataset.builder().count(Crm.HUBSPOT, "deals", count + count / 5 + 100).clock(clock).build();
    }

    /** Ids of the first {@code count} live deals, taken before any change reorders them. */
    private static List<String> liveDeals(SandboxDataset data, int count) {
        return data.pageAfter(Crm.HUBSPOT, "deals", null, null, null, count, false).stream().map(SandboxRecord::id).toList();
    }

    /** Changes the deals from {@code start} on, {@code perTimestamp} of them sharing each modified millisecond. */
    private void change(SandboxDataset data, List<String> ids, Instant start, int perTimestamp) {
        for (int i = 0; i < ids.size(); i++) {
            clock.set(start.plusMillis(i / perTimestamp));
            data.update(Crm.HUBSPOT, "deals", ids.get(i), Map.of("description", "changed " + i));
        }
    }

    private ObjectSummary syncDeals(SandboxDataset data) {
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, GENEROUS)) {
            return rig.sync("deals");
        }
    }

    /** Every changed deal is either an opportunity row or a sync error (the sandbox plants some bad values). */
    private long loadedOnce() {
        return jdbc.queryForObject("""
                select count(*) from (select source_id from opportunity
                                      union select record_id from sync_error where object = 'deals') loaded""", Long.class);
    }

    /** Deals the run must read: changed by the test, plus sandbox deals dated after the checkpoint's look-back. */
    private static long dueDeals(SandboxDataset data) {
        return data.pageAfter(Crm.HUBSPOT, "deals", null, CHECKPOINT.minusSeconds(1), null, 1_000_000, false).size();
    }

    /** Archived deals: every incremental run reads the archived list to soft-delete them. */
    private static long archived(SandboxDataset data) {
        return data.count(Crm.HUBSPOT, "deals", true) - data.count(Crm.HUBSPOT, "deals", false);
    }

    private long erroneous(Instant modified) {
        return jdbc.queryForObject("select count(distinct record_id) from sync_error where (raw ->> 'updatedAt')::timestamptz = ?",
                Long.class, Timestamp.from(modified));
    }

    @Test
    void windowOf25000ChangedDealsCrossesTheResultCapAndLoadsEveryDealOnce() {
        SandboxDataset data = deals(25_000);
        // three deals per timestamp, so the 10,000th result of a query shares its timestamp with the next query's first
        List<String> changed = liveDeals(data, 25_000);
        change(data, changed, CHANGES, 3);

        long due = dueDeals(data);

        ObjectSummary summary = syncDeals(data);

        assertThat(due).isGreaterThanOrEqualTo(25_000);
        assertThat(summary.status()).isEqualTo("SUCCEEDED");
        assertThat(summary.read()).isEqualTo(due + archived(data));
        assertThat(loadedOnce()).isEqualTo(due);
        assertThat(summary.apiCalls()).as("125 search pages (+ restart overlap), 25 reads each of deal→company and "
                + "deal→contact associations, archived list pages").isBetween(due / 200 + 2 * (due / 1000) + 1, due / 200 + 3 + 2 * (due / 1000 + 1) + 10);
        assertThat(jdbc.queryForMap("select last_modified_at, last_id from sync_checkpoint where object = 'deals'"))
                .containsEntry("last_modified_at", Timestamp.from(CHANGES.plusMillis(24_999 / 3)))
                .containsEntry("last_id", changed.get(24_999));
    }

    @Test
    void threeHundredDealsWithTheSameModifiedTimeAcrossAPageBoundaryLoadOnce() {
        SandboxDataset data = deals(600);
        List<String> ids = liveDeals(data, 500);
        change(data, ids.subList(0, 100), CHANGES, 1);
        change(data, ids.subList(100, 400), CHANGES.plusSeconds(60), 300);
        change(data, ids.subList(400, 500), CHANGES.plusSeconds(120), 1);

        long due = dueDeals(data);

        ObjectSummary summary = syncDeals(data);

        assertThat(summary.read()).isEqualTo(due + archived(data));
        assertThat(loadedOnce()).isEqualTo(due);
        assertThat(jdbc.queryForObject("select count(*) from opportunity where source_modified_at = ?", Long.class,
                Timestamp.from(CHANGES.plusSeconds(60)))).isEqualTo(300 - erroneous(CHANGES.plusSeconds(60)));
    }

    @Test
    void moreThanTenThousandDealsAtOneTimestampAreDrainedByIdTieBreak() {
        SandboxDataset data = deals(10_400);
        List<String> ids = liveDeals(data, 10_301);
        change(data, ids.subList(0, 10_300), CHANGES, 10_300);
        change(data, ids.subList(10_300, 10_301), CHANGES.plusSeconds(1), 1);

        long due = dueDeals(data);

        ObjectSummary summary = syncDeals(data);

        assertThat(summary.status()).isEqualTo("SUCCEEDED");
        assertThat(summary.read()).isEqualTo(due + archived(data));
        assertThat(loadedOnce()).isEqualTo(due);
    }

    /**
     * The run after the first incremental re-reads the look-back window before the checkpoint once, changing nothing;
     * the run after that starts where that one provably ended (its start by HubSpot's clock, from the Date header,
     * less the look-back), so it searches once and finds nothing.
     */
    @Test
    void theLookBackOverlapIsReadOnceThenAnIdleRunFindsNothing() {
        SandboxDataset data = deals(100);
        change(data, liveDeals(data, 50), CHANGES, 1);
        syncDeals(data);
        Instant checkpoint = jdbc.queryForObject("select last_modified_at from sync_checkpoint where object = 'deals'",
                Timestamp.class).toInstant();
        // HubSpot's clock moves on: an hour later, nothing else changed
        clock.set(CHANGES.plusSeconds(3600));

        ObjectSummary again = syncDeals(data);
        ObjectSummary idle = syncDeals(data);

        assertThat(again.read()).as("deals changed within the 1 s look-back of the checkpoint").isEqualTo(
                data.pageAfter(Crm.HUBSPOT, "deals", null, checkpoint.minusSeconds(1), null, 1000, false).size() + archived(data));
        assertThat(again.inserted() + again.updated()).isZero();
        assertThat(idle.read()).as("only the archived list").isEqualTo(archived(data));
        assertThat(idle.apiCalls()).as("one search, one archived-list page").isEqualTo(1 + Math.max(1, (archived(data) + 99) / 100));
    }
}
