package com.partnersync.hubspot;

import com.partnersync.sync.SourceSystemSync;
import com.partnersync.warehouse.ObjectSummary;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * HubSpot as a source: every mapped object through its own {@code hubspot-<object>} route. The routes run at the same
 * time: one object's mapping and commits then overlap another's API calls, and the shared client's limiters keep
 * their sum under the account's limits, so the run uses the rate it is allowed instead of waiting on itself.
 */
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
    public List<ObjectSummary> syncAll(long runId, Consumer<ObjectSummary> finished) {
        List<CompletableFuture<ObjectSummary>> running = new ArrayList<>();
        for (String object : objects) {
            running.add(producer.asyncRequestBody(HubSpotRoutes.routeUri(object), runId, ObjectSummary.class)
                    .thenApply(summary -> {
                        finished.accept(summary);
                        return summary;
                    }));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }
}
