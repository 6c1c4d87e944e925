package com.partnersync.salesforce;

import com.partnersync.sync.SourceSystemSync;
import com.partnersync.mapping.MappingSet;
import com.partnersync.warehouse.ObjectSummary;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
    public List<ObjectSummary> syncAll(long runId, Consumer<ObjectSummary> finished) {
        List<ObjectSummary> summaries = new ArrayList<>();
        for (String object : mappings.objects(SalesforceRecords.SOURCE)) {
            ObjectSummary summary = producer.requestBody(SalesforceRoutes.directUri(object), runId, ObjectSummary.class);
            finished.accept(summary);
            summaries.add(summary);
        }
        return summaries;
    }
}
