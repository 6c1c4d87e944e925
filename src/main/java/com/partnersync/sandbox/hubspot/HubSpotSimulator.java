package com.partnersync.sandbox.hubspot;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.partnersync.sandbox.Companion;
import com.partnersync.sandbox.SandboxApi;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxProperties;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HubSpot side of the sandbox (found by ServiceLoader): every {@code /crm/} request is answered by a
 * {@link HubSpotSimulatorTransformer} over the dataset, with a Pro private app's limits (190 requests per 10 s,
 * 5 searches per second). With a webhook URL set, the sandbox account's record changes are also POSTed there as
 * signed webhook calls ({@link HubSpotWebhookSender}), as HubSpot does for an app subscribed to them.
 */
public class HubSpotSimulator implements SandboxApi {
    /** The sandbox app's client secret: it keys the webhook signatures. */
    static final String WEBHOOK_CLIENT_SECRET = "sandbox-app-client-secret";

    private final URI webhookUrl;

    public HubSpotSimulator() {
        this(null);
    }

    public HubSpotSimulator(URI webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    @Override
    public SandboxApi configured(SandboxProperties settings) {
        return new HubSpotSimulator(settings.hubspotWebhookUrl());
    }

    @Override
    public List<Extension> extensions(SandboxDataset dataset) {
        HubSpotSimulatorTransformer api = new HubSpotSimulatorTransformer(dataset, HubSpotSimulatorTransformer.Limits.PRIVATE_APP_PRO);
        // the webhook sender lives as long as the WireMock server
        return webhookUrl == null ? List.of(api) : List.of(api, new Companion("hubspot-webhooks", () ->
                HubSpotWebhookSender.start(dataset, webhookUrl, WEBHOOK_CLIENT_SECRET, Clock.systemUTC(),
                        Duration.ofMillis(100), Duration.ofSeconds(1))));
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
        Map<String, String> properties = new LinkedHashMap<>(Map.of("partner-sync.hubspot.base-url", serverBaseUrl,
                "partner-sync.hubspot.access-token", "sandbox-token"));
        if (webhookUrl != null) {
            properties.put("partner-sync.hubspot.webhook.client-secret", WEBHOOK_CLIENT_SECRET);
            properties.put("partner-sync.hubspot.webhook.public-url", webhookUrl.toString());
        }
        return properties;
    }

    /** Simulators are values: two with the same webhook URL serve the same account. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HubSpotSimulator simulator && java.util.Objects.equals(simulator.webhookUrl, webhookUrl);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(webhookUrl);
    }
}
