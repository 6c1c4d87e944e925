package com.partnersync.salesforce.cdc;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code partner-sync.salesforce.cdc.*}: Change Data Capture through the Pub/Sub API (docs/salesforce.md). Defaults and
 * bounds are the annotations.
 *
 * @param enabled       subscribe in long-running mode when Salesforce is configured; polling goes on as the backstop
 *                      either way
 * @param channel       {@code /data/ChangeEvents} (every entity selected for CDC) or one entity's channel, e.g.
 *                      /data/AccountChangeEvent
 * @param window        a batch closes after this long or once it names max-ids records
 * @param pollAbove     an object with more changed records than this in one batch is polled instead of read by id
 * @param queueCapacity events buffered between the subscriber and the warehouse; a full buffer pauses the subscription
 * @param fetchSize     events asked of the event bus per fetch (the Pub/Sub API allows up to 100)
 * @param retention     event bus retention: a stored replay id older than this is not replayed; the objects are polled
 * @param pubSubHost    Pub/Sub API endpoint; empty keeps camel-salesforce's default (api.pubsub.salesforce.com:7443)
 * @param plaintext     plain-text gRPC, for the sandbox's loopback endpoint only
 */
@Validated
@ConfigurationProperties("partner-sync.salesforce.cdc")
public record CdcProperties(@DefaultValue("true") boolean enabled,
                            @DefaultValue("/data/ChangeEvents") @NotBlank String channel,
                            @DefaultValue("1s") @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration window,
                            @DefaultValue("200") @Min(1) @Max(200) int maxIds,
                            @DefaultValue("2000") @Min(0) int pollAbove,
                            @DefaultValue("10000") @Min(1) @Max(1_000_000) int queueCapacity,
                            @DefaultValue("100") @Min(1) @Max(100) int fetchSize,
                            @DefaultValue("72h") @DurationMin(minutes = 1) @DurationMax(days = 3) Duration retention,
                            String pubSubHost,
                            @DefaultValue("0") @Min(0) @Max(65535) int pubSubPort,
                            @DefaultValue("false") boolean plaintext) {
    /** A Pub/Sub endpoint other than camel-salesforce's default is set. */
    public boolean hasPubSubHost() {
        return pubSubHost != null && !pubSubHost.isBlank();
    }
}
