package com.partnersync.hubspot;

import com.partnersync.sync.ApiLimitReachedException;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;

import java.util.List;
import java.util.Map;

/**
 * One route per mapped HubSpot object ({@code direct:hubspot-deals}, ...): plan the run, then batch by batch read,
 * attach associations, start reading the next batch, map and commit, until the object is read; a DAILY limit pauses the object, keeping its checkpoint.
 */
public class HubSpotRoutes extends RouteBuilder {
    private static final Predicate MORE_TO_READ = exchange -> exchange.getIn().getBody(ObjectRun.class).hasMore();

    private final HubSpotObjectSync steps;
    private final Map<String, List<String>> sourceFieldsByObject;

    /** @param sourceFieldsByObject HubSpot object to the fields its mappings read, in sync order */
    public HubSpotRoutes(HubSpotObjectSync steps, Map<String, List<String>> sourceFieldsByObject) {
        this.steps = steps;
        this.sourceFieldsByObject = sourceFieldsByObject;
    }

    public static String routeUri(String object) {
        return "direct:hubspot-" + object;
    }

    @Override
    public void configure() {
        sourceFieldsByObject.forEach((object, fields) ->
                from(routeUri(object)).routeId("hubspot-" + object)
                        .onException(ApiLimitReachedException.class).handled(true)
                            .bean(steps, "pausedByLimit(${body}, ${exception})")
                        .end()
                        .onException(Exception.class).handled(true)
                            .bean(steps, "failed(${body}, ${exception})")
                        .end()
                        .setProperty("sourceFields", constant(fields))
                        .bean(steps, "plan(${body}, '" + object + "', ${exchangeProperty.sourceFields})")
                        .loopDoWhile(MORE_TO_READ)
                            .bean(steps, "fetchBatch")
                            .bean(steps, "attachAssociations")
                            .bean(steps, "readAhead")
                            .bean(steps, "map")
                            .bean(steps, "commit")
                        .end()
                        .bean(steps, "summary"));
    }
}
