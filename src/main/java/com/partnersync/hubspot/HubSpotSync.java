package com.partnersync.hubspot;

import com.partnersync.app.SourceSystemSync;
import com.partnersync.warehouse.ObjectSummary;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.List;

/** HubSpot as a source: every mapped object through its own {@code hubspot-<object>} route, in mapping order. */
public class HubSpotSync implements SourceSystemSync {
    private final ProducerTemplate producer;
    private final List<String> objects;
    private final boolean configured;

    public HubSpotSync(ProducerTemplate producer, List<String> objects, boolean configured) {
        this.producer = producer;
        this.objects = objects;
        this.configured = configured;
    }

    @Override
    public String sourceSystem() {
        return HubSpotRecords.SOURCE;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public List<ObjectSummary> syncAll(long runId) {
        List<ObjectSummary> summaries = new ArrayList<>();
        for (String object : objects) {
            summaries.add(producer.requestBody(HubSpotRoutes.routeUri(object), runId, ObjectSummary.class));
        }
        return summaries;
    }
}
