package com.partnersync.writeback;

import com.partnersync.testsupport.HubSpotFake;
import org.junit.jupiter.api.BeforeEach;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Write-back to HubSpot through POST /crm/v3/objects/companies/batch/update, against WireMock. */
class HubSpotBatchUpdateWritebackTest {
    static final WritebackMapping PARTNER = new WritebackMapping("hubspot", "companies", "partner",
            SobjectCollectionsWritebackTest.orderedMap("tier", "partner_tier", "quadrant", "partner_quadrant"), null, Map.of());
    private static final String BATCH_UPDATE = "/crm/v3/objects/companies/batch/update";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    @RegisterExtension
    final HubSpotFake crm = new HubSpotFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    private DrainReport drain() {
        return new WritebackService(TestDatabase.dataSource(), List.of(PARTNER),
                List.of(new HubSpotWriter(crm.client(), 100)), SobjectCollectionsWritebackTest.FAST_RETRIES).drain();
    }

    /** Partner companies as synced (HubSpot returns every property as a string, "" when empty), then segmented. */
    private void segmentedPartners(int count, String crmTier) {
        jdbc.batchUpdate("""
                        insert into partner (source_system, source_id, raw, partner_id, tier, quadrant)
                        values ('hubspot', ?, ?::jsonb, ?, 'GOLD', 'KEY_PARTNER')""",
                IntStream.range(0, count).mapToObj(i -> new Object[]{String.valueOf(9000 + i),
                        "{\"id\":\"%d\",\"properties\":{\"partner_tier\":\"%s\",\"partner_quadrant\":\"\"},\"archived\":false}"
                                .formatted(9000 + i, crmTier), "P-" + i}).toList());
    }

    @Test
    void twoHundredFiftyChangedCompaniesTakeThreeBatchCalls() {
        segmentedPartners(250, "");

        DrainReport report = drain();

        assertThat(crm.batchSizes("POST", BATCH_UPDATE)).containsExactly(100, 100, 50);
        assertThat(report.object("hubspot", "companies").written()).isEqualTo(250);
        assertThat(crm.records().get("9017")).containsEntry("partner_tier", "GOLD").containsEntry("partner_quadrant", "KEY_PARTNER");
    }

    @Test
    void unchangedCompaniesTakeNoCall() {
        segmentedPartners(3, "GOLD");
        jdbc.update("update partner set raw = jsonb_set(raw, '{properties,partner_quadrant}', '\"KEY_PARTNER\"')");

        assertThat(drain().calls()).isZero();
        assertThat(crm.calls("POST", BATCH_UPDATE)).isZero();
    }

    @Test
    void aMultiStatusAnswerFailsOnlyTheRecordsItNames() {
        segmentedPartners(100, "");
        crm.fail("9050", "VALIDATION_ERROR", "Property values were not valid: partner_tier GOLD was not one of the allowed options",
                "partner_tier", -1);

        DrainReport report = drain();

        assertThat(crm.calls("POST", BATCH_UPDATE)).isEqualTo(1);
        assertThat(report.object("hubspot", "companies").written()).isEqualTo(99);
        assertThat(jdbc.queryForList("select record_id, field, value, message from writeback_errors"))
                .containsExactly(Map.of("record_id", "9050", "field", "partner_tier", "value", "GOLD",
                        "message", "Property values were not valid: partner_tier GOLD was not one of the allowed options"));
    }

    @Test
    void aSecondlyRateLimitOnOneInputIsRetried() {
        segmentedPartners(2, "");
        crm.fail("9001", "RATE_LIMITS", "You have reached your secondly limit.", null, 1);

        drain();

        assertThat(crm.batchSizes("POST", BATCH_UPDATE)).containsExactly(2, 1);
        assertThat(crm.records()).containsKeys("9000", "9001");
    }
}
