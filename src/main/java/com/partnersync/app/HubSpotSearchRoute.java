package com.partnersync.app;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.hubspot.webhook.WebhookProperties;
import com.partnersync.ops.ScheduleProperties;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * HubSpot without webhooks (no {@code partner-sync.hubspot.webhook.client-secret}): in long-running mode an
 * incremental search of every HubSpot object runs every {@code partner-sync.stream.hubspot-search-interval} (60 s)
 * between cycles, as its own sync_run ({@code hubspot-search}), followed by dedup, rules and write-back when it
 * changed rows, so changes reach the warehouse and the CRM within about a minute instead of a cycle interval. With
 * nothing changed it costs one search call per object (well inside HubSpot's 5 searches per second). A timer route, so
 * it runs on the active instance only (LeaderOnlyRoutePolicy); 0 switches it off.
 */
@Component
public class HubSpotSearchRoute extends RouteBuilder {
    private static final Logger log = LoggerFactory.getLogger(HubSpotSearchRoute.class);
    public static final String ROUTE_ID = "hubspot-search";

    private final boolean active;
    private final Duration interval;

    public HubSpotSearchRoute(HubSpotProperties hubspot, WebhookProperties webhooks, StreamProperties stream,
                              ScheduleProperties schedule) {
        boolean longRunning = schedule.enabled();
        Duration interval = stream.hubspotSearchInterval();
        this.interval = interval;
        this.active = longRunning && hubspot.configured() && !webhooks.configured() && !interval.isZero();
        if (longRunning && hubspot.configured()) {
            log.info(webhooks.configured()
                    ? "hubspot: webhooks configured (POST /webhooks/hubspot); the scheduled cycle is the backstop"
                    : active ? "hubspot: no webhooks configured; searching for changes every " + interval + " between cycles"
                    : "hubspot: no webhooks configured and partner-sync.stream.hubspot-search-interval=0; changes "
                    + "arrive with the scheduled cycle");
        }
    }

    /** The route starts: long-running mode, HubSpot configured, no webhooks, an interval above 0. */
    boolean active() {
        return active;
    }

    @Override
    public void configure() {
        long millis = Math.max(1, interval.toMillis());
        from("timer:" + ROUTE_ID + "?delay=" + millis + "&period=" + millis)
                .routeId(ROUTE_ID)
                .autoStartup(active)
                .bean(SyncCycle.class, "runSource('" + ROUTE_ID + "', 'hubspot')")
                .process(exchange -> {
                    SyncCycle.Result result = exchange.getMessage().getBody(SyncCycle.Result.class);
                    if (result.changedRows() || result.status() != RunStatus.SUCCEEDED) {
                        log.info("hubspot search between cycles: {}\n{}", result.status(), result.table());
                    }
                });
    }
}
