package com.partnersync.sync;

import com.partnersync.warehouse.ObjectSummary;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A CRM as a source, the same for every CRM: each mapped object through its own route (body in = run id, body out =
 * {@link ObjectSummary}), all of one CRM's objects at the same time. One object's mapping and commits then overlap
 * another's API calls, and the CRM client's limits (rate limiters, API budget) hold for their sum. The summaries come
 * back in mapping order.
 */
public class CrmSource implements SourceSystemSync {
    private final String sourceSystem;
    private final ProducerTemplate producer;
    private final List<String> objectRoutes;
    private final BooleanSupplier configured;

    /** @param objectRoutes the endpoint of each mapped object's route, in mapping order */
    public CrmSource(String sourceSystem, ProducerTemplate producer, List<String> objectRoutes, BooleanSupplier configured) {
        this.sourceSystem = sourceSystem;
        this.producer = producer;
        this.objectRoutes = List.copyOf(objectRoutes);
        this.configured = configured;
    }

    @Override
    public String sourceSystem() {
        return sourceSystem;
    }

    @Override
    public boolean configured() {
        return configured.getAsBoolean();
    }

    @Override
    public List<ObjectSummary> syncAll(long runId, Consumer<ObjectSummary> finished) {
        List<CompletableFuture<ObjectSummary>> running = new ArrayList<>();
        for (String route : objectRoutes) {
            running.add(producer.asyncRequestBody(route, runId, ObjectSummary.class).thenApply(summary -> {
                finished.accept(summary);
                return summary;
            }));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }
}
