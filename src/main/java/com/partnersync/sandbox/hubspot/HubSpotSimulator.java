package com.partnersync.sandbox.hubspot;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.partnersync.sandbox.SandboxApi;
import com.partnersync.sandbox.SandboxDataset;

import java.util.List;
import java.util.Map;

/**
 * The HubSpot side of the sandbox (found by ServiceLoader): every {@code /crm/} request is answered by a
 * {@link HubSpotSimulatorTransformer} over the dataset, with a Pro private app's limits (190 requests per 10 s,
 * 5 searches per second).
 */
public class HubSpotSimulator implements SandboxApi {
    @Override
    public List<Extension> extensions(SandboxDataset dataset) {
        return List.of(new HubSpotSimulatorTransformer(dataset, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO));
    }

    @Override
    public void register(WireMockServer server, SandboxDataset dataset) {
        registerStubs(server);
    }

    /** Routes every {@code /crm/} request of the server to the transformer. */
    public static void registerStubs(WireMockServer server) {
        server.stubFor(WireMock.any(WireMock.urlPathMatching("/crm/.*")).atPriority(10)
                .willReturn(WireMock.aResponse().withTransformers(HubSpotSimulatorTransformer.NAME)));
    }

    @Override
    public Map<String, String> clientProperties(String serverBaseUrl) {
        return Map.of("partner-sync.hubspot.base-url", serverBaseUrl,
                "partner-sync.hubspot.access-token", "sandbox-token");
    }
}
