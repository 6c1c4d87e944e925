package com.partnersync.sandbox;

import com.github.tomakehurst.wiremock.extension.Extension;

import java.util.function.Supplier;

/**
 * Something a {@link SandboxApi} runs beside the WireMock server -- the Pub/Sub gRPC server, the webhook sender --
 * started and stopped with it, as a WireMock extension.
 */
public final class Companion implements Extension {
    private final String name;
    private final Supplier<? extends AutoCloseable> starter;
    private AutoCloseable running;

    public Companion(String name, Supplier<? extends AutoCloseable> starter) {
        this.name = name;
        this.starter = starter;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void start() {
        running = starter.get();
    }

    @Override
    public void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                throw new IllegalStateException(name + " did not stop", e);
            }
            running = null;
        }
    }
}
