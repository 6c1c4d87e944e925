package com.partnersync.salesforce;

import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.sync.CrmSource;
import com.partnersync.testsupport.SourceRoutes;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

class SalesforceRoutesTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    @Test
    void oneRoutePerMappedObjectCarriesARunIdInAndTheObjectSummaryOut() throws Exception {
        TestDatabase.truncateAll();
        MappingSet mappings = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
        try (SalesforceFake org = new SalesforceFake(); CamelContext camel = new DefaultCamelContext()) {
            org.server.stubFor(get(urlPathMatching("/services/data/v62.0/queryAll/?"))
                    .willReturn(SalesforceFake.json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}")));
            SalesforceClient client = salesforce.open(org.properties());
            CrmSource source = SalesforceConfig.source(SalesforceConfig.objectSync(client, mappings,
                            new WarehouseWriter(TestDatabase.dataSource()), new CheckpointStore(TestDatabase.dataSource()),
                            org.properties()), mappings, camel.createProducerTemplate(), client);
            SourceRoutes.start(camel, source);

            List<ObjectSummary> finished = Collections.synchronizedList(new ArrayList<>());
            List<ObjectSummary> summaries = source.syncAll(7, finished::add);

            assertThat(camel.getRoutes().stream().map(Route::getRouteId)).containsExactlyInAnyOrder(
                    "salesforce-account", "salesforce-contact", "salesforce-deal-registration", "salesforce-event",
                    "salesforce-lead", "salesforce-opportunity", "salesforce-task");
            assertThat(summaries).extracting(ObjectSummary::object)
                    .containsExactlyElementsOf(mappings.objects("salesforce"));
            assertThat(summaries).allSatisfy(s -> assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED));
            assertThat(finished).as("each object reported as it finished").containsExactlyInAnyOrderElementsOf(summaries);
        }
    }
}
