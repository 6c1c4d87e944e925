package com.partnersync.sandbox.salesforce;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.partnersync.sandbox.Companion;
import com.partnersync.sandbox.SandboxApi;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxProperties;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Salesforce in the sandbox: every {@code /services/...} request is answered by a {@link SimulatedOrg} over the
 * shared dataset, and a {@link SalesforcePubSubServer} streams its record changes as Change Data Capture events
 * (every object is selected for Change Data Capture unless the constructor names some that are not).
 * Injected faults are off unless {@code partner-sync.sandbox.salesforce-fault-every} asks for a 503 /
 * REQUEST_LIMIT_EXCEEDED every n-th data call, as the {@code sandbox} demo does.
 */
public class SalesforceSimulator implements SandboxApi {
    private static final long DAILY_LIMIT = 5_000_000;

    /** The event bus keeps change events 72 hours. */
    private static final Duration RETENTION = Duration.ofHours(72);

    private final int faultEvery;
    /** Objects the org has not selected for Change Data Capture: no change events, not in the channel's members. */
    private final Set<String> cdcNotSelected;
    private volatile SalesforcePubSubServer pubSub;

    public SalesforceSimulator() {
        this(0);
    }

    public SalesforceSimulator(int faultEvery) {
        this(faultEvery, Set.of());
    }

    public SalesforceSimulator(int faultEvery, Set<String> cdcNotSelected) {
        this.faultEvery = faultEvery;
        this.cdcNotSelected = Set.copyOf(cdcNotSelected);
    }

    @Override
    public SandboxApi configured(SandboxProperties settings) {
        return new SalesforceSimulator(settings.salesforceFaultEvery());
    }

    @Override
    public List<Extension> extensions(SandboxDataset dataset) {
        // the org's Pub/Sub API on its own gRPC port, living as long as the WireMock server; the port is only known
        // once it runs, so the simulator remembers the last one for clientProperties
        return List.of(new SimulatedOrg(dataset, faultEvery, DAILY_LIMIT, cdcNotSelected), new Companion("salesforce-pubsub",
                () -> pubSub = SalesforcePubSubServer.start(dataset, Clock.systemUTC(), RETENTION, cdcNotSelected)));
    }

    @Override
    public void register(WireMockServer server, SandboxDataset dataset) {
        server.stubFor(any(urlPathMatching("/services/.*")).willReturn(aResponse().withTransformers(SimulatedOrg.NAME)));
    }

    /** Simulators are values: two with the same fault setting serve the same org. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SalesforceSimulator simulator && simulator.faultEvery == faultEvery
                && simulator.cdcNotSelected.equals(cdcNotSelected);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(faultEvery) + cdcNotSelected.hashCode();
    }

    /** The Pub/Sub API of the running sandbox, to publish events the dataset does not model (gaps, creations). */
    public Optional<SalesforcePubSubServer> pubSub() {
        return Optional.ofNullable(pubSub);
    }

    @Override
    public Map<String, String> clientProperties(String serverBaseUrl) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of(
                "partner-sync.salesforce.login-url", serverBaseUrl,
                "partner-sync.salesforce.client-id", "sandbox-connected-app",
                "partner-sync.salesforce.client-secret", "sandbox-secret",
                "partner-sync.salesforce.username", "integration@sandbox.partner-sync.example",
                "partner-sync.salesforce.password", "sandbox-password"));
        if (pubSub != null) {
            properties.put("partner-sync.salesforce.cdc.pub-sub-host", "127.0.0.1");
            properties.put("partner-sync.salesforce.cdc.pub-sub-port", Integer.toString(pubSub.port()));
            properties.put("partner-sync.salesforce.cdc.plaintext", "true");
        }
        return properties;
    }
}
