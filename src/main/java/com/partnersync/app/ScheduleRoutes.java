package com.partnersync.app;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Long-running mode: one sync cycle every partner-sync.schedule.interval (only started when no command is given). */
@Component
public class ScheduleRoutes extends RouteBuilder {
    @Override
    public void configure() {
        // sandbox --keep-running has just run a cycle itself, so it delays the first scheduled one (Command)
        from("timer:sync-cycle?delay={{partner-sync.schedule.first-delay:0}}&period={{partner-sync.schedule.interval}}")
                .routeId("sync-cycle")
                .autoStartup("{{partner-sync.schedule.enabled}}")
                .log("sync cycle starting")
                .bean(SyncCycle.class, "run('scheduled')")
                .log("sync cycle finished: ${body.status()}");
    }
}
