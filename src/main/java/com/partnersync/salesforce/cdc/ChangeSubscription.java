package com.partnersync.salesforce.cdc;

import com.partnersync.warehouse.StreamPosition;
import com.partnersync.warehouse.StreamPositionStore;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.PubSubApiConsumer;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The Pub/Sub API subscription: a {@code salesforce:pubSubSubscribe} route on the shared SalesforceComponent that
 * hands each event's header to the {@link ChangeStream}. It resumes after the replay id stored with the last
 * committed changes; with none it starts at the newest event (the sync cycle has read what came before), and with
 * one older than the event bus retention it starts at the newest event and polls every mapped object, since the
 * events in between can no longer be replayed.
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
    private final Clock clock;

    public ChangeSubscription(CamelContext camel, SalesforceComponent component, StreamPositionStore positions,
                              CdcProperties properties, ChangeStream stream, ChangeEventApplier.IncrementalPoll poll,
                              List<String> objects, Clock clock) {
        this.camel = camel;
        this.component = component;
        this.positions = positions;
        this.properties = properties;
        this.stream = stream;
        this.poll = poll;
        this.objects = List.copyOf(objects);
        this.clock = clock;
    }

    /** Subscribes; does nothing while subscribed. */
    public synchronized void start() throws Exception {
        if (camel.getRoute(ROUTE_ID) != null) {
            return;
        }
        Optional<StreamPosition> stored = positions.load(ChangeEventApplier.SOURCE, properties.getChannel());
        boolean replayable = stored.isPresent()
                && stored.get().eventTime().isAfter(clock.instant().minus(properties.getRetention()));
        String uri = "salesforce:pubSubSubscribe:" + properties.getChannel() + "?pubSubBatchSize=" + properties.getFetchSize()
                + "&pubSubDeserializeType=AVRO&replayPreset="
                + (replayable ? "CUSTOM&pubSubReplayId=RAW(" + stored.get().replayId() + ")" : "LATEST");
        if (properties.getPubSubHost() != null && !properties.getPubSubHost().isBlank()) {
            component.setPubSubHost(properties.getPubSubHost());
            component.setPubSubPort(properties.getPubSubPort());
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
        if (properties.isPlaintext()) {
            ((PubSubApiConsumer) camel.getRoute(ROUTE_ID).getConsumer()).setUsePlainTextConnection(true);
        }
        camel.getRouteController().startRoute(ROUTE_ID);
        if (replayable) {
            log.info("salesforce change stream: subscribed to {}, resuming after the replay id of {}",
                    properties.getChannel(), stored.get().eventTime());
        } else if (stored.isPresent()) {
            log.warn("salesforce change stream: the stored replay id ({}) is older than the {} event bus retention; "
                    + "subscribed to {} from the newest event and polling {} for the changes in between",
                    stored.get().eventTime(), properties.getRetention(), properties.getChannel(), objects);
            objects.forEach(object -> poll.poll(object, "replay id past retention"));
        } else {
            log.info("salesforce change stream: subscribed to {} from the newest event (no stored replay id)",
                    properties.getChannel());
        }
    }

    public synchronized void stop() throws Exception {
        if (camel.getRoute(ROUTE_ID) != null) {
            camel.getRouteController().stopRoute(ROUTE_ID);
            camel.removeRoute(ROUTE_ID);
        }
    }
}
