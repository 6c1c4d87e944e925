package com.partnersync.hubspot;

import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.ObjectSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Incremental sync by {@code POST /crm/v3/objects/deals/search} against the simulator, which enforces the 10k cap. */
class CrmObjectsSearchTest {
    private static final Instant CHECKPOINT = Instant.parse("2026-10-31T00:00:00Z");
    private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final InMemoryHubSpotData data = new InMemoryHubSpotData();

    @BeforeEach
    void incrementalFromCheckpoint() {
        TestDatabase.truncateAll();
        jdbc.update("insert into sync_checkpoint (source_system, object, last_modified_at, last_id) values ('hubspot', 'deals', ?, '1')",
                Timestamp.from(CHECKPOINT));
    }

    private void deal(long id, Instant modified) {
        data.put("deals", String.valueOf(id), modified, false, Map.of("dealname", "Deal " + id, "dealstage", "appointmentscheduled",
                "amount", String.valueOf(id % 1000)));
    }

    private ObjectSummary syncDeals() {
        try (HubSpotTestRig rig = HubSpotTestRig.withSimulator(data, new HubSpotSimulator.Limits(100_000, 10_000, 1000, 1_000_000))) {
            return rig.sync("deals");
        }
    }

    @Test
    void windowOf25000ChangedDealsCrossesTheResultCapAndLoadsEveryDealOnce() {
        for (long i = 0; i < 25_000; i++) {
            // three deals per timestamp, so the 10,000th result of a query shares its timestamp with the next query's first
            deal(100_000 + i, BASE.plusSeconds(i / 3));
        }

        ObjectSummary summary = syncDeals();

        assertThat(summary.status()).isEqualTo("SUCCEEDED");
        assertThat(summary.read()).isEqualTo(25_000);
        assertThat(summary.inserted()).isEqualTo(25_000);
        assertThat(jdbc.queryForObject("select count(distinct source_id) from opportunity where source_system = 'hubspot'", Long.class))
                .isEqualTo(25_000);
        assertThat(summary.apiCalls()).as("125 search pages (+ restart overlap), 25 reads each of deal→company and "
                + "deal→contact associations, 1 archived list").isBetween(125L + 50 + 1, 128L + 50 + 1);
        assertThat(jdbc.queryForMap("select last_modified_at, last_id from sync_checkpoint where object = 'deals'"))
                .containsEntry("last_modified_at", Timestamp.from(BASE.plusSeconds(24_999 / 3)))
                .containsEntry("last_id", "124999");
    }

    @Test
    void threeHundredDealsWithTheSameModifiedTimeAcrossAPageBoundaryLoadOnce() {
        Instant tied = BASE.plusSeconds(60);
        for (long i = 0; i < 100; i++) {
            deal(200_000 + i, BASE.plusMillis(i));
        }
        for (long i = 0; i < 300; i++) {
            deal(300_000 + i, tied);
        }
        for (long i = 0; i < 100; i++) {
            deal(400_000 + i, tied.plusSeconds(1 + i));
        }

        ObjectSummary summary = syncDeals();

        assertThat(summary.read()).isEqualTo(500);
        assertThat(jdbc.queryForObject("select count(*) from opportunity where source_modified_at = ?", Long.class,
                Timestamp.from(tied))).isEqualTo(300);
        assertThat(jdbc.queryForObject("select count(*) from opportunity", Long.class)).isEqualTo(500);
    }

    @Test
    void moreThanTenThousandDealsAtOneTimestampAreDrainedByIdTieBreak() {
        Instant tied = BASE.plusSeconds(5);
        for (long i = 0; i < 10_300; i++) {
            deal(500_000 + i, tied);
        }
        deal(900_000, tied.plusSeconds(1));

        ObjectSummary summary = syncDeals();

        assertThat(summary.status()).isEqualTo("SUCCEEDED");
        assertThat(summary.read()).isEqualTo(10_301);
        assertThat(jdbc.queryForObject("select count(*) from opportunity", Long.class)).isEqualTo(10_301);
    }

    @Test
    void secondRunReadsOnlyTheLookBackOverlapAndChangesNothing() {
        for (long i = 0; i < 50; i++) {
            deal(600_000 + i, BASE.plusSeconds(i));
        }
        syncDeals();

        ObjectSummary again = syncDeals();

        assertThat(again.read()).as("records within the 1 s look-back of the checkpoint").isEqualTo(2);
        assertThat(again.inserted() + again.updated()).isZero();
    }
}
