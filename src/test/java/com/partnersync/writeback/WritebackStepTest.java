package com.partnersync.writeback;

import com.partnersync.testsupport.SalesforceFake;
import org.junit.jupiter.api.BeforeEach;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.SyncRuns;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The after-sync step drains the outbox through the writeback-drain route. */
class WritebackStepTest {
    @RegisterExtension
    final SalesforceFake crm = new SalesforceFake();

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.truncateAll();
    }

    @Test
    void stepSendsTheQueuedChangesThroughTheDrainRoute() throws Exception {
        SobjectCollectionsWritebackTest.approvedRegistrations(TestDatabase.jdbc(), 2, null);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("writebackService", new WritebackService(TestDatabase.dataSource(),
                    List.of(SobjectCollectionsWritebackTest.DEAL_REGISTRATION),
                    List.of(new SalesforceWriter(crm.client(), 200)), SobjectCollectionsWritebackTest.FAST_RETRIES));
            camel.addRoutes(new WritebackRoutes());
            camel.start();
            SyncRuns runs = new SyncRuns(TestDatabase.dataSource());
            WritebackStep step = new WritebackStep(camel.createProducerTemplate(), TestSettings.defaults(WritebackProperties.class), runs);
            long runId = runs.start("sync --once");

            step.run(runId);

            assertThat(camel.getRoute("writeback-drain")).isNotNull();
            assertThat(crm.records()).hasSize(2);
            assertThat(TestDatabase.jdbc().queryForMap(
                    "select source_system, object, status, updated, errors, api_calls from sync_run_object where run_id = ?", runId))
                    .containsEntry("source_system", "salesforce").containsEntry("object", "writeback Deal_Registration__c")
                    .containsEntry("status", "SUCCEEDED").containsEntry("updated", 2).containsEntry("errors", 0)
                    .containsEntry("api_calls", 1);
        }
    }
}
