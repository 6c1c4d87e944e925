package com.partnersync.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled routes (a {@code timer:} or {@code scheduler:} consumer: the sync cycle, the daily rules) do their work
 * only on the active instance; on a standby each firing ends at once. Routes that are called (direct:) run wherever
 * they are called from, which is the active instance or a one-shot command holding the lock.
 */
public class LeaderOnlyRoutePolicy implements RoutePolicyFactory {
    private static final Logger log = LoggerFactory.getLogger(LeaderOnlyRoutePolicy.class);
    private final Leadership leadership;

    public LeaderOnlyRoutePolicy(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        String from = route instanceof RouteDefinition definition ? definition.getInput().getEndpointUri() : "";
        if (!from.startsWith("timer:") && !from.startsWith("scheduler:")) {
            return null;
        }
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route r, Exchange exchange) {
                if (!leadership.isLeader()) {
                    log.debug("{}: standing by, {} is active", routeId, leadership.holder());
                    exchange.setRouteStop(true);
                }
            }
        };
    }
}
