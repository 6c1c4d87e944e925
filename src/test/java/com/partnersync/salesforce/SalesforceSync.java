package com.partnersync.salesforce;

import com.partnersync.mapping.MappingSet;
import com.partnersync.sync.CrmSource;
import com.partnersync.testsupport.SourceRoutes;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The Salesforce source under test, wired as SalesforceConfig wires it: {@link SalesforcePageReader} behind the
 * {@code crm-object} routes. Each {@link #sync} runs the object's route in a CamelContext of its own, stopped after it.
 */
public final class SalesforceSync {
    private final SalesforceClient client;
    private final MappingSet mappings;
    private final WarehouseWriter writer;
    private final CheckpointStore checkpoints;
    private final SalesforceProperties properties;

    public SalesforceSync(SalesforceClient client, MappingSet mappings, WarehouseWriter writer,
                          CheckpointStore checkpoints, SalesforceProperties properties) {
        this.client = client;
        this.mappings = mappings;
        this.writer = writer;
        this.checkpoints = checkpoints;
        this.properties = properties;
    }

    /** One object's route: run id in, summary out, as the cycle runs it. */
    public ObjectSummary sync(String object, long runId) {
        CamelContext camel = new DefaultCamelContext();
        try {
            CrmSource source = SalesforceConfig.source(
                    SalesforceConfig.objectSync(client, mappings, writer, checkpoints, properties), mappings,
                    camel.createProducerTemplate(), client);
            SourceRoutes.start(camel, source);
            return source.sync(object, runId);
        } finally {
            camel.stop();
        }
    }
}
