package com.partnersync.writeback;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The outbox drain, run by {@link WritebackStep} after every sync cycle. */
@Component
public class WritebackRoutes extends RouteBuilder {
    static final String DRAIN = "direct:writeback-drain";

    @Override
    public void configure() {
        from(DRAIN)
                .routeId("writeback-drain")
                .bean(WritebackService.class, "drain");
    }
}
