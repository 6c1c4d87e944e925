package com.partnersync.writeback;

import com.partnersync.testsupport.HttpJsonApi;
import com.partnersync.testsupport.TestDatabase;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The after-sync step drains the outbox through the writeback-drain route. */
class WritebackStepTest {
    @RegisterExtension
    final CrmWriteStubs crm = new CrmWriteStubs();

    @Test
    void stepSendsTheQueuedChangesThroughTheDrainRoute() throws Exception {
        SobjectCollectionsWritebackTest.approvedRegistrations(TestDatabase.jdbc(), 2, null);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("writebackService", new WritebackService(TestDatabase.dataSource(),
                    List.of(SobjectCollectionsWritebackTest.DEAL_REGISTRATION),
                    List.of(new SalesforceWriter(HttpJsonApi.salesforce(crm.baseUrl()), 200)), SobjectCollectionsWritebackTest.FAST_RETRIES));
            camel.addRoutes(new WritebackRoutes());
            camel.start();
            WritebackStep step = new WritebackStep(camel.createProducerTemplate(), WritebackProperties.defaults());

            step.run(1);

            assertThat(step.order()).isEqualTo(300);
            assertThat(camel.getRoute("writeback-drain")).isNotNull();
            assertThat(crm.records).hasSize(2);
        }
    }
}
