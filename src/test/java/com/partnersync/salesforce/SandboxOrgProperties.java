package com.partnersync.salesforce;

import com.partnersync.sandbox.salesforce.SalesforceSimulator;

/** Client settings pointing at the sandbox's simulated org, from {@link SalesforceSimulator#clientProperties}. */
final class SandboxOrgProperties {
    private SandboxOrgProperties() {
    }

    static SalesforceProperties of(String sandboxBaseUrl) {
        SalesforceProperties properties = new SalesforceProperties();
        new SalesforceSimulator().clientProperties(sandboxBaseUrl).forEach((key, value) -> {
            switch (key.substring("partner-sync.salesforce.".length())) {
                case "login-url" -> properties.setLoginUrl(value);
                case "client-id" -> properties.setClientId(value);
                case "client-secret" -> properties.setClientSecret(value);
                case "username" -> properties.setUsername(value);
                case "password" -> properties.setPassword(value);
                default -> throw new IllegalStateException("unexpected client property " + key);
            }
        });
        return properties;
    }
}
