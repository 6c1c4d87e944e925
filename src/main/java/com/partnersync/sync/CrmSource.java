package com.partnersync.sync;

import com.partnersync.warehouse.ObjectSummary;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A CRM as a source, the same for every CRM: its {@link ObjectSync} (over the CRM's {@link PageReader}) and one
 * {@code crm-object} route per mapped object ({@link CrmObjectRoutes}: body in = run id, body out =
 * {@link ObjectSummary}). All of one CRM's objects run at the same time: one object's mapping and commits then overlap
 * another's API calls, and the CRM client's limits (rate limiters, API budget) hold for their sum. The summaries come
 * back in mapping order.
 */
public class CrmSource implements SourceSystemSync {
    private final ObjectSync<?, ?> objectSync;
    private final Map<String, String> routeIds;
    private final ProducerTemplate producer;
    private final BooleanSupplier configured;

    /** @param routeIds each mapped object's route id ({@code hubspot-deals}, ...), in mapping order */
    public CrmSource(ObjectSync<?, ?> objectSync, Map<String, String> routeIds, ProducerTemplate producer,
                     BooleanSupplier configured) {
        this.objectSync = objectSync;
        this.routeIds = new LinkedHashMap<>(routeIds);
        this.producer = producer;
        this.configured = configured;
    }

    @Override
    public String sourceSystem() {
        return objectSync.sourceSystem();
    }

    @Override
    public boolean configured() {
        return configured.getAsBoolean();
    }

    ObjectSync<?, ?> objectSync() {
        return objectSync;
    }

    /** Mapped object to route id, in mapping order. */
    Map<String, String> routeIds() {
        return routeIds;
    }

    /** One object through its route (a poll between cycles). */
    public ObjectSummary sync(String object, long runId) {
        return producer.requestBody(endpoint(object), runId, ObjectSummary.class);
    }

    @Override
    public List<ObjectSummary> syncAll(long runId, Consumer<ObjectSummary> finished) {
        List<CompletableFuture<ObjectSummary>> running = new ArrayList<>();
        for (String object : routeIds.keySet()) {
            running.add(producer.asyncRequestBody(endpoint(object), runId, ObjectSummary.class).thenApply(summary -> {
                finished.accept(summary);
                return summary;
            }));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    private String endpoint(String object) {
        String routeId = routeIds.get(object);
        if (routeId == null) {
            throw new IllegalArgumentException(sourceSystem() + " has no mapped object " + object);
        }
        return CrmObjectRoutes.directUri(routeId);
    }
}
