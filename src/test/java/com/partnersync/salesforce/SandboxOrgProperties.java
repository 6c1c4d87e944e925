package com.partnersync.salesforce;

import com.partnersync.sandbox.salesforce.SalesforceSimulator;
import com.partnersync.testsupport.TestSettings;

/** Client settings pointing at the sandbox's simulated org, from {@link SalesforceSimulator#clientProperties}. */
final class SandboxOrgProperties {
    private SandboxOrgProperties() {
    }

    /** {@code overrides} as for {@code TestSettings.bind(type, "key", value, ...)}. */
    static SalesforceProperties of(String sandboxBaseUrl, Object... overrides) {
        return TestSettings.fromKeys(SalesforceProperties.class, new SalesforceSimulator().clientProperties(sandboxBaseUrl),
                overrides);
    }
}
