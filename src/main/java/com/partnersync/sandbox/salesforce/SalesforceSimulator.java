package com.partnersync.sandbox.salesforce;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.partnersync.sandbox.SandboxApi;
import com.partnersync.sandbox.SandboxDataset;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Salesforce in the sandbox: every {@code /services/...} request is answered by a {@link SimulatedOrg} over the
 * shared dataset. Injected faults are off unless {@code partner-sync.sandbox.salesforce-fault-every} (system
 * property) asks for a 503 / REQUEST_LIMIT_EXCEEDED every n-th data call, as the {@code sandbox} demo does.
 */
public class SalesforceSimulator implements SandboxApi {
    static final String FAULT_EVERY_PROPERTY = "partner-sync.sandbox.salesforce-fault-every";
    private static final long DAILY_LIMIT = 5_000_000;

    private final int faultEvery;

    public SalesforceSimulator() {
        this(Integer.getInteger(FAULT_EVERY_PROPERTY, 0));
    }

    public SalesforceSimulator(int faultEvery) {
        this.faultEvery = faultEvery;
    }

    @Override
    public List<Extension> extensions(SandboxDataset dataset) {
        return List.of(new SimulatedOrg(dataset, faultEvery, DAILY_LIMIT));
    }

    @Override
    public void register(WireMockServer server, SandboxDataset dataset) {
        server.stubFor(any(urlPathMatching("/services/.*")).willReturn(aResponse().withTransformers(SimulatedOrg.NAME)));
    }

    /** Simulators are values: two with the same fault setting serve the same org. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SalesforceSimulator simulator && simulator.faultEvery == faultEvery;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(faultEvery);
    }

    @Override
    public Map<String, String> clientProperties(String serverBaseUrl) {
        return Map.of(
                "partner-sync.salesforce.login-url", serverBaseUrl,
                "partner-sync.salesforce.client-id", "sandbox-connected-app",
                "partner-sync.salesforce.client-secret", "sandbox-secret",
                "partner-sync.salesforce.username", "integration@sandbox.partner-sync.example",
                "partner-sync.salesforce.password", "sandbox-password");
    }
}
