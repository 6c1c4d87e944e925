package com.partnersync.writeback;

import com.partnersync.testsupport.SalesforceFake;
import org.junit.jupiter.api.BeforeEach;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code writeback --dry-run}: what would change, per object, with a sample; nothing sent, nothing changed. */
class WritebackDryRunTest {
    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    @RegisterExtension
    final SalesforceFake crm = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    @Test
    void reportsRecordsAndFieldsThatWouldChangeAndWritesNothing() {
        SobjectCollectionsWritebackTest.approvedRegistrations(jdbc, 4, "APPROVED");
        jdbc.update("update deal_registration set status = 'EXPIRED' where source_id in (?, ?)",
                SobjectCollectionsWritebackTest.id(1), SobjectCollectionsWritebackTest.id(2));
        jdbc.update("update deal_registration set acceptance_text = null where source_id = ?", SobjectCollectionsWritebackTest.id(2));
        List<Map<String, Object>> outboxBefore = jdbc.queryForList("select * from writeback_outbox order by id");

        WritebackService service = new WritebackService(TestDatabase.dataSource(),
                List.of(SobjectCollectionsWritebackTest.DEAL_REGISTRATION, HubSpotBatchUpdateWritebackTest.PARTNER),
                List.of(new SalesforceWriter(crm.client(), 200)), SobjectCollectionsWritebackTest.FAST_RETRIES);
        DryRunReport report = service.dryRun();

        DryRunReport.ObjectDiff registrations = report.objects().get(0);
        assertThat(registrations.records()).isEqualTo(2);
        assertThat(registrations.fields()).containsExactly(Map.entry("Deal_Reg_Status__c", 2), Map.entry("Deal_Reg_Expires__c", 0),
                Map.entry("Deal_Reg_Acceptance__c", 1));
        assertThat(registrations.calls()).isEqualTo(1);
        assertThat(report.objects().get(1).records()).isZero();
        assertThat(report.render())
                .contains("salesforce Deal_Registration__c (deal_registration): 2 records would change, 1 API calls")
                .containsPattern(SobjectCollectionsWritebackTest.id(2) + " +Deal_Reg_Acceptance__c +\"Approved 2\" -> \\(empty\\)")
                .contains("hubspot companies (partner): 0 records would change");
        assertThat(crm.server.getAllServeEvents()).isEmpty();
        assertThat(jdbc.queryForList("select * from writeback_outbox order by id")).isEqualTo(outboxBefore);
        assertThat(jdbc.queryForObject("select count(*) from writeback_field_state", Integer.class)).isZero();
    }
}
