package com.partnersync.ops;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code partner-sync.shutdown.*}: SIGTERM. Immutable and constructor-bound like the settings records, but a class:
 * Java forbids a record component named {@code wait} (it would override {@code Object.wait()}), and the key stays.
 */
@Validated
@ConfigurationProperties("partner-sync.shutdown")
public final class ShutdownProperties {
    /**
     * Closing waits at most this long for the run in progress to commit its page and be recorded INTERRUPTED (keep
     * the orchestrator's grace period above it plus about 10 s).
     */
    @DurationMin(seconds = 0)
    @DurationMax(minutes = 10)
    private final Duration wait;

    public ShutdownProperties(@DefaultValue("20s") Duration wait) {
        this.wait = wait;
    }

    public Duration runWait() {
        return wait;
    }

    @Override
    public String toString() {
        return "ShutdownProperties[wait=" + wait + "]";
    }
}
