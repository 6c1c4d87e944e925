package com.partnersync.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;

import java.util.List;

/**
 * One CRM's API as the sandbox serves it from a {@link SandboxDataset}. Implementations are found with
 * {@link java.util.ServiceLoader} (META-INF/services), so the sandbox does not depend on the source packages.
 */
public interface SandboxApi {
    /**
     * WireMock extensions (response transformers, listeners) this API needs, built over the dataset. The server shares
     * one WireMock with the other CRM, so a response transformer applies only to the stubs that name it
     * ({@code withTransformers(name)}); one declared global is restricted to those by {@link SandboxServer}.
     */
    List<Extension> extensions(SandboxDataset dataset);

    /** Registers this API's stubs on a started server. */
    void register(WireMockServer server, SandboxDataset dataset);

    /**
     * Spring properties that point this CRM's source at the server (base URLs, dummy credentials), e.g.
     * {@code partner-sync.hubspot.base-url}.
     */
    java.util.Map<String, String> clientProperties(String serverBaseUrl);

    /** This API as the {@code sandbox} command's settings ask for it (APIs found by ServiceLoader start unconfigured). */
    default SandboxApi configured(SandboxProperties settings) {
        return this;
    }
}
