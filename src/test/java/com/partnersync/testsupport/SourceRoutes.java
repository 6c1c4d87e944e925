package com.partnersync.testsupport;

import com.partnersync.sync.CrmObjectRoutes;
import com.partnersync.sync.CrmSource;
import org.apache.camel.CamelContext;

import java.util.List;

/**
 * The sources' {@code crm-object} routes in a plain CamelContext, added as Spring Boot adds them: the template, then
 * the routes made from it ({@code addTemplatedRoutes}, which a plain context does not do on its own).
 */
public final class SourceRoutes {
    private SourceRoutes() {
    }

    public static void start(CamelContext camel, CrmSource... sources) {
        try {
            CrmObjectRoutes routes = new CrmObjectRoutes(List.of(sources));
            camel.addRoutes(routes);
            camel.addTemplatedRoutes(routes);
            camel.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the crm-object routes", e);
        }
    }
}
