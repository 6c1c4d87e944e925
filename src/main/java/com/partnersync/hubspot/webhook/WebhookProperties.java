package com.partnersync.hubspot.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code partner-sync.hubspot.webhook.*}: the HubSpot app's webhook endpoint (docs/hubspot.md). */
@ConfigurationProperties("partner-sync.hubspot.webhook")
public class WebhookProperties {
    /** The HubSpot app's client secret, which keys the v3 signature; unset = webhooks off (the endpoint answers 404). */
    private String clientSecret;
    /**
     * The URL registered as the app's webhook target (https://sync.example.com/webhooks/hubspot), which HubSpot signs;
     * unset = the URL of the request as it reached the connector (no proxy in between).
     */
    private String publicUrl;
    /** Requests whose X-HubSpot-Request-Timestamp is older than this are refused (HubSpot: 5 minutes). */
    private Duration maxAge = Duration.ofMinutes(5);
    /** Webhook calls accepted but not yet applied; past this HubSpot gets a 503 and retries later. */
    private int queueCapacity = 1_000;
    /** Calls arriving within this long are applied together: one batch read per object instead of one per call. */
    private Duration window = Duration.ofMillis(500);

    public boolean configured() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getPublicUrl() { return publicUrl; }
    public void setPublicUrl(String publicUrl) { this.publicUrl = publicUrl; }
    public Duration getMaxAge() { return maxAge; }
    public void setMaxAge(Duration maxAge) { this.maxAge = maxAge; }
    public int getQueueCapacity() { return queueCapacity; }
    public void setQueueCapacity(int queueCapacity) { this.queueCapacity = queueCapacity; }
    public Duration getWindow() { return window; }
    public void setWindow(Duration window) { this.window = window; }
}
