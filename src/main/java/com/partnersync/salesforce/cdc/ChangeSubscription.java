package com.partnersync.salesforce.cdc;

import com.partnersync.warehouse.StreamPosition;
import com.partnersync.warehouse.StreamPositionStore;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.InvalidReplayIdException;
import org.apache.camel.component.salesforce.PubSubApiConsumer;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Pub/Sub API subscription: a {@code salesforce:pubSubSubscribe} route on the shared SalesforceComponent that
 * hands each event's header to the {@link ChangeStream}. It resumes after the replay id stored with the last
 * committed changes; with none it starts at the newest event (the sync cycle has read what came before), and with
 * one older than the event bus retention it starts at the newest event and polls every mapped object, since the
 * events in between can no longer be replayed; a stored replay id the event bus rejects is handled the same way.
 */
public class ChangeSubscription {
    private static final Logger log = LoggerFactory.getLogger(ChangeSubscription.class);
    public static final String ROUTE_ID = "salesforce-cdc";

    private final CamelContext camel;
    private final SalesforceComponent component;
    private final StreamPositionStore positions;
    private final CdcProperties properties;
    private final ChangeStream stream;
    private final ChangeEventApplier.IncrementalPoll poll;
    private final List<String> objects;
    private final CdcEntitySelection selection;
    private final Clock clock;
    /** Resubscribes after a rejected replay id, outside the gRPC callback that reports it. */
    private final ExecutorService recovery = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "salesforce-cdc-recovery");
        thread.setDaemon(true);
        return thread;
    });
    private boolean active;

    public ChangeSubscription(CamelContext camel, SalesforceComponent component, StreamPositionStore positions,
                              CdcProperties properties, ChangeStream stream, ChangeEventApplier.IncrementalPoll poll,
                              List<String> objects, CdcEntitySelection selection, Clock clock) {
        this.camel = camel;
        this.component = component;
        this.positions = positions;
        this.properties = properties;
        this.stream = stream;
        this.poll = poll;
        this.objects = List.copyOf(objects);
        this.selection = selection;
        this.clock = clock;
    }

    /** Subscribes; does nothing while subscribed. */
    public synchronized void start() throws Exception {
        if (camel.getRoute(ROUTE_ID) != null) {
            return;
        }
        Optional<StreamPosition> stored = positions.load(ChangeEventApplier.SOURCE, properties.channel());
        boolean replayable = stored.isPresent()
                && stored.get().eventTime().isAfter(clock.instant().minus(properties.retention()));
        subscribe(replayable ? stored.get().replayId() : null);
        active = true;
        if (replayable) {
            log.info("salesforce change stream: subscribed to {}, resuming after the replay id of {}",
                    properties.channel(), stored.get().eventTime());
        } else if (stored.isPresent()) {
            log.warn("salesforce change stream: the stored replay id ({}) is older than the {} event bus retention; "
                    + "subscribed to {} from the newest event and polling {} for the changes in between",
                    stored.get().eventTime(), properties.retention(), properties.channel(), objects);
            objects.forEach(object -> poll.poll(object, "replay id past retention"));
        } else {
            log.info("salesforce change stream: subscribed to {} from the newest event (no stored replay id)",
                    properties.channel());
        }
        selection.check(properties.channel(), objects);
    }

    /** Adds and starts the route: after {@code replayId}, or from the newest event when it is null. */
    private void subscribe(String replayId) throws Exception {
        String uri = "salesforce:pubSubSubscribe:" + properties.channel() + "?pubSubBatchSize=" + properties.fetchSize()
                + "&pubSubDeserializeType=AVRO&replayPreset="
                + (replayId != null ? "CUSTOM&pubSubReplayId=RAW(" + replayId + ")" : "LATEST");
        if (properties.hasPubSubHost()) {
            component.setPubSubHost(properties.pubSubHost());
            component.setPubSubPort(properties.pubSubPort());
        }
        // Consumers refuse a lazy login; the component itself logs in lazily so the application starts without the org.
        component.getLoginConfig().setLazyLogin(false);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(ROUTE_ID).autoStartup(false)
                        .process(exchange -> stream.accept(ChangeEvent.from(exchange.getIn().getBody(GenericRecord.class),
                                exchange.getIn().getHeader("CamelSalesforcePubSubReplayId", String.class))));
            }
        });
        PubSubApiConsumer consumer = (PubSubApiConsumer) camel.getRoute(ROUTE_ID).getConsumer();
        if (properties.plaintext()) {
            consumer.setUsePlainTextConnection(true);
        }
        consumer.setExceptionHandler(new ReplayIdRejection(consumer.getExceptionHandler()));
        camel.getRouteController().startRoute(ROUTE_ID);
    }

    /**
     * The event bus refuses a replay id it no longer keeps, or never issued (error code
     * {@code sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted}; camel-salesforce reports it as an
     * {@link InvalidReplayIdException}). Salesforce's advice is to subscribe again with the LATEST or EARLIEST preset;
     * this resubscribes from the newest event and polls every mapped object, whose checkpoints are older than any
     * event the stream missed, so nothing is lost. Other consumer errors go to camel's handler as before.
     */
    private final class ReplayIdRejection implements ExceptionHandler {
        private final ExceptionHandler others;

        ReplayIdRejection(ExceptionHandler others) {
            this.others = others;
        }

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            if (!(exception instanceof InvalidReplayIdException rejected)) {
                others.handleException(message, exchange, exception);
                return;
            }
            log.warn("salesforce change stream: the event bus rejected the replay id {} (older than its retention, or "
                    + "from another org or sandbox copy); resubscribing to {} from the newest event and polling {} for "
                    + "the changes in between", rejected.getReplayId(), properties.channel(), objects);
            recovery.execute(ChangeSubscription.this::resubscribeFromNewest);
            // camel-salesforce would otherwise subscribe again with the same replay id, forever; ending its error
            // callback here stops that client, and the recovery above replaces it
            throw rejected;
        }
    }

    private void resubscribeFromNewest() {
        synchronized (this) {
            if (!active) {
                return;
            }
            try {
                removeRoute();
                subscribe(null);
            } catch (Exception e) {
                log.error("salesforce change stream could not resubscribe to {}; changes arrive with the scheduled cycle",
                        properties.channel(), e);
                active = false;
                return;
            }
        }
        objects.forEach(object -> poll.poll(object, "replay id rejected by the event bus"));
    }

    public synchronized void stop() throws Exception {
        active = false;
        removeRoute();
    }

    private void removeRoute() throws Exception {
        if (camel.getRoute(ROUTE_ID) != null) {
            camel.getRouteController().stopRoute(ROUTE_ID);
            camel.removeRoute(ROUTE_ID);
        }
    }
}
