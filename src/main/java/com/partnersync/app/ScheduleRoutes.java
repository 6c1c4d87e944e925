package com.partnersync.app;

import com.partnersync.ops.Schedule;
import com.partnersync.sync.Reconcile;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import com.partnersync.ops.ScheduleProperties;
import org.springframework.stereotype.Component;

/**
 * Long-running mode: one sync cycle per {@link Schedule}, and a reconcile every partner-sync.schedule.reconcile-interval
 * (only started when no command is given; a firing only works on the active instance: LeaderOnlyRoutePolicy). Each
 * cycle's summary table is logged.
 */
@Component
public class ScheduleRoutes extends RouteBuilder {
    /** Under com.partnersync so the cycle lines show at the application's INFO level. */
    private static final String LOG = ScheduleRoutes.class.getName();
    private final Schedule schedule;
    private final ScheduleProperties settings;
    private final Reconcile reconcile;

    public ScheduleRoutes(Schedule schedule, ScheduleProperties settings, Reconcile reconcile) {
        this.schedule = schedule;
        this.settings = settings;
        this.reconcile = reconcile;
    }

    @Override
    public void configure() {
        // sandbox --keep-running has just run a cycle itself, so it delays the first scheduled one (Command)
        from(schedule.endpointUri("sync-cycle", settings.delayFirst()))
                .routeId("sync-cycle")
                .autoStartup(settings.enabled())
                .log(LoggingLevel.INFO, LOG, "sync cycle starting")
                .bean(SyncCycle.class, "run('scheduled')")
                .log(LoggingLevel.INFO, LOG, "sync cycle finished: ${body.status()}\n${body.table()}");
        // reconcile reads every live id (about N/2000 Salesforce, N/100 HubSpot calls per object), so it runs rarely
        long reconcileMillis = settings.reconcileInterval().toMillis();
        from("timer:reconcile?delay=" + reconcileMillis + "&period=" + reconcileMillis)
                .routeId("reconcile")
                .autoStartup(settings.enabled())
                .process(exchange -> exchange.getMessage().setBody(reconcile.run(null)))
                .log(LoggingLevel.INFO, LOG, "reconcile finished: ${body.status()}\n${body.render()}");
    }
}
