package com.partnersync.app;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code partner-sync.stream.*}: what follows changes a stream (Salesforce CDC, HubSpot webhooks) committed.
 *
 * @param debounce              dedup, rules and write-back run this long after the first change of a burst, once for
 *                              all of it
 * @param hubspotSearchInterval without HubSpot webhooks, search for HubSpot changes this often between cycles; 0s = off
 */
@Validated
@ConfigurationProperties("partner-sync.stream")
public record StreamProperties(@DefaultValue("2s") @DurationMin(millis = 1) @DurationMax(minutes = 10) Duration debounce,
                               @DefaultValue("60s") @DurationMin(seconds = 0) @DurationMax(days = 1)
                               Duration hubspotSearchInterval) {
}
