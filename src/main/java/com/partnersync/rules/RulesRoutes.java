package com.partnersync.rules;

import com.partnersync.ops.ScheduleProperties;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Route rules-daily: re-applies the rules once a day (partner-sync.rules.daily-period) even when no CRM data changed,
 * because registrations expire by time passing. Only in long-running mode, like the sync schedule.
 */
@Component
public class RulesRoutes extends RouteBuilder {
    private final RulesProperties properties;
    private final ScheduleProperties schedule;

    public RulesRoutes(RulesProperties properties, ScheduleProperties schedule) {
        this.properties = properties;
        this.schedule = schedule;
    }

    @Override
    public void configure() {
        long period = properties.dailyPeriod().toMillis();
        from("timer:rules-daily?delay=" + period + "&period=" + period)
                .routeId("rules-daily")
                .autoStartup(schedule.enabled())
                .log("daily rules run starting")
                .bean(RulesService.class, "runAll()")
                .log("daily rules run finished: ${body}");
    }
}
