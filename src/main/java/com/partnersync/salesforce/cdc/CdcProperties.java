package com.partnersync.salesforce.cdc;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code partner-sync.salesforce.cdc.*}: Change Data Capture through the Pub/Sub API (docs/salesforce.md). */
@ConfigurationProperties("partner-sync.salesforce.cdc")
public class CdcProperties {
    /** Subscribe in long-running mode when Salesforce is configured; polling goes on as the backstop either way. */
    private boolean enabled = true;
    /** {@code /data/ChangeEvents} (every entity selected for CDC) or one entity's channel, e.g. /data/AccountChangeEvent. */
    private String channel = "/data/ChangeEvents";
    /** A batch closes after this long or once it names max-ids records. */
    private Duration window = Duration.ofSeconds(1);
    private int maxIds = 200;
    /** An object with more changed records than this in one batch is polled instead of read by id. */
    private int pollAbove = 2_000;
    /** Events buffered between the subscriber and the warehouse; a full buffer pauses the subscription. */
    private int queueCapacity = 10_000;
    /** Events asked of the event bus per fetch (the Pub/Sub API allows up to 100). */
    private int fetchSize = 100;
    /** Event bus retention: a stored replay id older than this is not replayed; the objects are polled instead. */
    private Duration retention = Duration.ofHours(72);
    /** Pub/Sub API endpoint; empty keeps camel-salesforce's default (api.pubsub.salesforce.com:7443). */
    private String pubSubHost;
    private int pubSubPort;
    /** Plain-text gRPC, for the sandbox's loopback endpoint only. */
    private boolean plaintext;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public Duration getWindow() { return window; }
    public void setWindow(Duration window) { this.window = window; }
    public int getMaxIds() { return maxIds; }
    public void setMaxIds(int maxIds) { this.maxIds = maxIds; }
    public int getPollAbove() { return pollAbove; }
    public void setPollAbove(int pollAbove) { this.pollAbove = pollAbove; }
    public int getQueueCapacity() { return queueCapacity; }
    public void setQueueCapacity(int queueCapacity) { this.queueCapacity = queueCapacity; }
    public int getFetchSize() { return fetchSize; }
    public void setFetchSize(int fetchSize) { this.fetchSize = fetchSize; }
    public Duration getRetention() { return retention; }
    public void setRetention(Duration retention) { this.retention = retention; }
    public String getPubSubHost() { return pubSubHost; }
    public void setPubSubHost(String pubSubHost) { this.pubSubHost = pubSubHost; }
    public int getPubSubPort() { return pubSubPort; }
    public void setPubSubPort(int pubSubPort) { this.pubSubPort = pubSubPort; }
    public boolean isPlaintext() { return plaintext; }
    public void setPlaintext(boolean plaintext) { this.plaintext = plaintext; }
}
