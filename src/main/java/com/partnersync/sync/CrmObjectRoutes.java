package com.partnersync.sync;

import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * One route template, {@code crm-object}, and one route made from it per mapped object of every CRM
 * ({@code salesforce-opportunity}, {@code hubspot-deals}, ...; the route id is the {@code direct:} endpoint's name):
 * a run id comes in, the object is read after its checkpoint page by page, each page mapped and committed with its
 * checkpoint while the next one is read, and the object's summary goes out. Each route's local bean {@code sync} is
 * its CRM's {@link ObjectSync}. What ends an object early is declared here, once: the API limit pauses it, a stop
 * request interrupts it, anything else fails it with the exception's message; the checkpoint of every committed page
 * stays.
 *
 * <p>Camel adds routes made from a template after every builder's templates ({@code CamelContext#addTemplatedRoutes}),
 * which Spring Boot does on its own; a plain CamelContext needs both {@code addRoutes} and {@code addTemplatedRoutes}.
 */
@Component
public class CrmObjectRoutes extends RouteBuilder {
    public static final String TEMPLATE = "crm-object";
    private static final Predicate MORE_TO_READ = exchange -> exchange.getIn().getBody(ObjectSync.Run.class).more();

    private final List<CrmSource> sources;

    public CrmObjectRoutes(List<CrmSource> sources) {
        this.sources = sources;
    }

    static String directUri(String routeId) {
        return "direct:" + routeId;
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE).templateParameter("route").templateParameter("object")
                .from(directUri("{{route}}"))
                .onException(ApiLimitReachedException.class).handled(true)
                    .bean("{{sync}}", "paused(${body}, ${exception})")
                .end()
                .onException(RunInterruptedException.class).handled(true)
                    .bean("{{sync}}", "interrupted(${body}, ${exception})")
                .end()
                .onException(Exception.class).handled(true)
                    .bean("{{sync}}", "failed(${body}, ${exception})")
                .end()
                .bean("{{sync}}", "start(${body}, '{{object}}')")
                .bean("{{sync}}", "plan")
                .loopDoWhile(MORE_TO_READ)
                    .bean("{{sync}}", "nextPage")
                    .bean("{{sync}}", "readAhead")
                    .bean("{{sync}}", "commit")
                .end()
                .bean("{{sync}}", "summary");

        for (CrmSource source : sources) {
            source.routeIds().forEach((object, routeId) -> templatedRoute(TEMPLATE).routeId(routeId)
                    .parameter("route", routeId).parameter("object", object).bean("sync", source.objectSync()));
        }
    }
}
