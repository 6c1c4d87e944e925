package com.partnersync.writeback;

import com.partnersync.testsupport.SalesforceFake;
import org.junit.jupiter.api.BeforeEach;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drain throughput: 20,000 changed deal registrations through sObject Collections (WireMock), then the same records
 * queued again with nothing to change (the diff-only path). Prints timings; asserts only the call counts.
 * Run: {@code mvn -B -Pbench test -Dtest=WritebackDrainBenchmark}.
 */
@Tag("bench")
class WritebackDrainBenchmark {
    private static final int RECORDS = 20_000;

    @RegisterExtension
    final SalesforceFake crm = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    @Test
    void drain() {
        var jdbc = TestDatabase.jdbc();
        SobjectCollectionsWritebackTest.approvedRegistrations(jdbc, RECORDS, null);
        WritebackService service = new WritebackService(TestDatabase.dataSource(), List.of(SobjectCollectionsWritebackTest.DEAL_REGISTRATION),
                List.of(new SalesforceWriter(crm.client(), 200)), TestSettings.defaults(WritebackProperties.class));

        long start = System.nanoTime();
        DrainReport sent = service.drain();
        double sendSeconds = (System.nanoTime() - start) / 1e9;

        // the CRM read back holds our values; the rules touch every record again (a no-op change would not even queue)
        jdbc.update("update deal_registration set synced_at = now(), raw = raw || jsonb_build_object("
                + "'Deal_Reg_Status__c', status, 'Deal_Reg_Expires__c', to_char(expires_at, 'YYYY-MM-DD'), 'Deal_Reg_Acceptance__c', acceptance_text)");
        jdbc.update("insert into writeback_outbox (target, source_system, source_id) select 'deal_registration', source_system, source_id from deal_registration");
        start = System.nanoTime();
        DrainReport unchanged = service.drain();
        double diffSeconds = (System.nanoTime() - start) / 1e9;

        double crmSeconds = crm.server.getAllServeEvents().stream().mapToLong(e -> e.getTiming().getTotalTime()).sum() / 1e3;
        System.out.printf(Locale.ROOT, "write-back drain, %d changed records: %d calls, %.1f s (%.1f s of it in the stubbed CRM), %.0f records/s%n",
                RECORDS, sent.calls(), sendSeconds, crmSeconds, RECORDS / sendSeconds);
        System.out.printf(Locale.ROOT, "write-back drain, %d unchanged records: %d calls, %.1f s, %.0f records/s (diff only)%n",
                RECORDS, unchanged.calls(), diffSeconds, RECORDS / diffSeconds);
        assertThat(sent.calls()).isEqualTo(RECORDS / 200);
        assertThat(unchanged.calls()).isZero();
    }
}
