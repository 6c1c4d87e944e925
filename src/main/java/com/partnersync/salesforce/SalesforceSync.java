package com.partnersync.salesforce;

import com.partnersync.sync.SourceSystemSync;
import com.partnersync.mapping.MappingSet;
import com.partnersync.warehouse.ObjectSummary;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.List;

/** Salesforce as a source: each mapped object in turn through its route {@code salesforce-<object>}. */
public class SalesforceSync implements SourceSystemSync {
    private final SalesforceClient client;
    private final MappingSet mappings;
    private final ProducerTemplate producer;

    public SalesforceSync(SalesforceClient client, MappingSet mappings, ProducerTemplate producer) {
        this.client = client;
        this.mappings = mappings;
        this.producer = producer;
    }

    @Override
    public String sourceSystem() {
        return SalesforceRecords.SOURCE;
    }

    @Override
    public boolean configured() {
        return client.configured();
    }

    @Override
    public List<ObjectSummary> syncAll(long runId) {
        List<ObjectSummary> summaries = new ArrayList<>();
        for (String object : mappings.objects(SalesforceRecords.SOURCE)) {
            summaries.add(producer.requestBody(SalesforceRoutes.directUri(object), runId, ObjectSummary.class));
        }
        return summaries;
    }
}
