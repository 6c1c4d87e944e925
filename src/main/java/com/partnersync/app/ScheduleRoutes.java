package com.partnersync.app;

import com.partnersync.ops.Schedule;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Long-running mode: one sync cycle per {@link Schedule} (only started when no command is given, and a firing only
 * works on the active instance: LeaderOnlyRoutePolicy). Each cycle's summary table is logged.
 */
@Component
public class ScheduleRoutes extends RouteBuilder {
    /** Under com.partnersync so the cycle lines show at the application's INFO level. */
    private static final String LOG = ScheduleRoutes.class.getName();
    private final Schedule schedule;
    private final boolean delayFirst;

    public ScheduleRoutes(Schedule schedule, @Value("${partner-sync.schedule.delay-first:false}") boolean delayFirst) {
        this.schedule = schedule;
        this.delayFirst = delayFirst;
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
    }
}
