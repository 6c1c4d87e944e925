package com.partnersync.salesforce;

import com.partnersync.mapping.MappingSet;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * One route per mapped Salesforce object ({@code salesforce-account}, {@code salesforce-deal-registration}, ...):
 * a run id comes in, the object is read after its checkpoint, mapped and committed page by page, and the object's
 * summary goes out.
 */
@Component
public class SalesforceRoutes extends RouteBuilder {
    private final MappingSet mappings;
    private final SalesforceObjectSync objectSync;

    public SalesforceRoutes(MappingSet mappings, SalesforceObjectSync objectSync) {
        this.mappings = mappings;
        this.objectSync = objectSync;
    }

    static String routeId(String object) {
        String name = Soql.objectName(object).replaceAll("__c$", "").replace('_', '-').toLowerCase(Locale.ROOT);
        return "salesforce-" + name;
    }

    static String directUri(String object) {
        return "direct:" + routeId(object);
    }

    @Override
    public void configure() {
        for (String object : mappings.objects(SalesforceRecords.SOURCE)) {
            from(directUri(object))
                    .routeId(routeId(object))
                    .setHeader("salesforceObject", constant(object))
                    .log("salesforce ${header.salesforceObject}: reading changes after the checkpoint")
                    .bean(objectSync, "sync(${header.salesforceObject}, ${body})")
                    .log("salesforce ${header.salesforceObject}: ${body.status()}, ${body.read()} read, "
                            + "${body.inserted()} inserted, ${body.updated()} updated, ${body.deleted()} deleted, "
                            + "${body.errors()} errors, ${body.apiCalls()} API calls");
        }
    }
}
