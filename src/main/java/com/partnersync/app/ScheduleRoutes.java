package com.partnersync.app;

import com.partnersync.ops.Schedule;
import com.partnersync.sync.Reconcile;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
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
    private final boolean delayFirst;
    private final Reconcile reconcile;

    public ScheduleRoutes(Schedule schedule, @Value("${partner-sync.schedule.delay-first:false}") boolean delayFirst,
                          Reconcile reconcile) {
        this.schedule = schedule;
        this.delayFirst = delayFirst;
        this.reconcile = reconcile;
    }

    @Override
    public void configure() {
        // sandbox --keep-running has just run a cycle itself, so it delays the first scheduled one (Command)
        from(schedule.endpointUri("sync-cycle", delayFirst))
                .routeId("sync-cycle")
                .autoStartup("{{partner-sync.schedule.enabled}}")
                .log(LoggingLevel.INFO, LOG, "sync cycle starting")
                .bean(SyncCycle.class, "run('scheduled')")
                .log(LoggingLevel.INFO, LOG, "sync cycle finished: ${body.status()}\n${body.table()}");
        // reconcile reads every live id (about N/2000 Salesforce, N/100 HubSpot calls per object), so it runs rarely
        from("timer:reconcile?delay={{partner-sync.schedule.reconcile-interval}}"
                + "&period={{partner-sync.schedule.reconcile-interval}}")
                .routeId("reconcile")
                .autoStartup("{{partner-sync.schedule.enabled}}")
                .process(exchange -> exchange.getMessage().setBody(reconcile.run(null)))
                .log(LoggingLevel.INFO, LOG, "reconcile finished: ${body.status()}\n${body.render()}");
    }
}
