package com.partnersync.hubspot.webhook;

import com.partnersync.sync.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code partner-sync.hubspot.webhook.*}: the HubSpot app's webhook endpoint (docs/hubspot.md). Defaults and bounds
 * are the annotations.
 *
 * @param clientSecret  the HubSpot app's client secret, which keys the v3 signature; unset = webhooks off (the endpoint
 *                      answers 404); masked in toString, never logged
 * @param publicUrl     the URL registered as the app's webhook target (https://sync.example.com/webhooks/hubspot), which
 *                      HubSpot signs; unset = the URL of the request as it reached the connector (no proxy in between)
 * @param maxAge        requests whose X-HubSpot-Request-Timestamp is older than this are refused (HubSpot: 5 minutes)
 * @param queueCapacity webhook calls accepted but not yet applied; past this HubSpot gets a 503 and retries later
 * @param window        calls arriving within this long are applied together: one batch read per object, not per call
 */
@Validated
@ConfigurationProperties("partner-sync.hubspot.webhook")
public record WebhookProperties(Secret clientSecret,
                                String publicUrl,
                                @DefaultValue("5m") @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration maxAge,
                                @DefaultValue("1000") @Min(1) @Max(1_000_000) int queueCapacity,
                                @DefaultValue("500ms") @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration window) {
    public boolean configured() {
        return Secret.present(clientSecret);
    }

    /** The public URL when one is set (HUBSPOT_WEBHOOK_URL arrives empty when unset). */
    public boolean hasPublicUrl() {
        return publicUrl != null && !publicUrl.isBlank();
    }
}
