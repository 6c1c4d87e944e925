package com.partnersync.app;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Long-running mode: one sync cycle every partner-sync.schedule.interval (only started when no command is given). */
@Component
public class ScheduleRoutes extends RouteBuilder {
    @Override
    public void configure() {
        from("timer:sync-cycle?delay=0&period={{partner-sync.schedule.interval}}")
                .routeId("sync-cycle")
                .autoStartup("{{partner-sync.schedule.enabled}}")
                .log("sync cycle starting")
                .bean(SyncCycle.class, "run('scheduled')")
                .log("sync cycle finished: ${body.status()}");
    }
}
