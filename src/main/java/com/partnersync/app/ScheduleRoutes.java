package com.partnersync.app;

import com.partnersync.sync.Reconcile;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Long-running mode: one sync cycle every partner-sync.schedule.interval, and a reconcile every
 * partner-sync.schedule.reconcile-interval (only started when no command is given).
 */
@Component
public class ScheduleRoutes extends RouteBuilder {
    private final Reconcile reconcile;

    public ScheduleRoutes(Reconcile reconcile) {
        this.reconcile = reconcile;
    }

    @Override
    public void configure() {
        // sandbox --keep-running has just run a cycle itself, so it delays the first scheduled one (Command)
        from("timer:sync-cycle?delay={{partner-sync.schedule.first-delay:0}}&period={{partner-sync.schedule.interval}}")
                .routeId("sync-cycle")
                .autoStartup("{{partner-sync.schedule.enabled}}")
                .log("sync cycle starting")
                .bean(SyncCycle.class, "run('scheduled')")
                .log("sync cycle finished: ${body.status()}");
        // reconcile reads every live id (about N/2000 Salesforce, N/100 HubSpot calls per object), so it runs rarely
        from("timer:reconcile?delay={{partner-sync.schedule.reconcile-interval}}"
                + "&period={{partner-sync.schedule.reconcile-interval}}")
                .routeId("reconcile")
                .autoStartup("{{partner-sync.schedule.enabled}}")
                .process(exchange -> exchange.getMessage().setBody(reconcile.run(null)))
                .log("reconcile finished: ${body.status()}\n${body.render()}");
    }
}
