package com.partnersync.testsupport;

import com.partnersync.salesforce.SalesforceApiRoutes;
import com.partnersync.salesforce.SalesforceApiUsage;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.salesforce.SalesforceConfig;
import com.partnersync.salesforce.SalesforceProperties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The production Salesforce session for tests, as {@code SalesforceConfig} wires it: the camel-salesforce component
 * bean and {@code SalesforceApiRoutes} in a CamelContext of their own, stopped after each test
 * ({@code @RegisterExtension final SalesforceClients salesforce = new SalesforceClients();}), or by {@link #close}.
 */
public final class SalesforceClients implements AfterEachCallback, AutoCloseable {
    private final List<CamelContext> contexts = new ArrayList<>();

    public SalesforceClient open(SalesforceProperties properties) {
        try {
            CamelContext camel = new DefaultCamelContext();
            SalesforceApiUsage usage = new SalesforceApiUsage(properties.maxApiShare(), null);
            camel.getRegistry().bind("salesforce", new SalesforceConfig().salesforceComponent(properties, usage));
            camel.addRoutes(new SalesforceApiRoutes(properties, usage));
            camel.start();
            contexts.add(camel);
            return new SalesforceClient(properties, camel.createProducerTemplate(), usage);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Salesforce component", e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** For rigs that open a client outside a test's lifecycle (benchmarks, shared rigs). */
    @Override
    public void close() {
        contexts.forEach(CamelContext::stop);
        contexts.clear();
    }
}
