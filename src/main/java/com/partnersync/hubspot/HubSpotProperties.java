package com.partnersync.hubspot;

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
 * {@code partner-sync.hubspot.*}: where the HubSpot API is, the private-app token, and how hard the client may push it.
 * Every wait is configurable so tests can run the real retry paths in milliseconds. Defaults and bounds are the
 * annotations (docs/hubspot.md explains each key).
 *
 * @param baseUrl                blank = {@link #DEFAULT_BASE_URL} (HUBSPOT_BASE_URL arrives empty when unset)
 * @param accessToken            private-app access token, from HUBSPOT_ACCESS_TOKEN; masked in toString, never logged
 * @param requestsPerInterval    the account's burst limit: requests per rolling interval (private apps: 190 per 10 s on Pro)
 * @param searchesPerSecond      the search endpoints' own limit
 * @param dailyReserve           stop (PAUSED_LIMIT) when fewer daily calls than this remain, leaving the rest to other
 *                               integrations
 * @param secondlyWait           wait after a 429 TEN_SECONDLY_ROLLING before retrying (the rolling window frees slots
 *                               continuously)
 * @param lockedWait             wait after a 423 Locked; HubSpot asks for at least 2 s
 * @param backoffInitial         first wait of the exponential backoff for 502/503/504, up to backoffMax
 * @param lookBack               incremental search re-reads this much before the checkpoint: HubSpot indexes new writes
 *                               a few moments late
 * @param archivedScanInterval   incrementals walk the archived list (how deletions are found, ⌈archived/100⌉ calls per
 *                               object) at most this often; 0s = every incremental
 * @param listPageSize           HubSpot's maxima: 100 per list page, 200 per search page, 1,000 association inputs
 */
@Validated
@ConfigurationProperties("partner-sync.hubspot")
public record HubSpotProperties(String baseUrl,
                                Secret accessToken,
                                @DefaultValue("190") @Min(1) @Max(100_000) int requestsPerInterval,
                                @DefaultValue("10s") @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration interval,
                                @DefaultValue("5") @Min(1) @Max(1000) int searchesPerSecond,
                                @DefaultValue("0") @Min(0) @Max(100_000_000) long dailyReserve,
                                @DefaultValue("6") @Min(1) @Max(20) int maxAttempts,
                                @DefaultValue("1s") @DurationMin(seconds = 0) @DurationMax(minutes = 1) Duration secondlyWait,
                                @DefaultValue("2s") @DurationMin(seconds = 0) @DurationMax(minutes = 1) Duration lockedWait,
                                @DefaultValue("500ms") @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration backoffInitial,
                                @DefaultValue("16s") @DurationMin(millis = 1) @DurationMax(minutes = 10) Duration backoffMax,
                                @DefaultValue("60s") @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration requestTimeout,
                                @DefaultValue("5m") @DurationMin(seconds = 0) @DurationMax(days = 1) Duration lookBack,
                                @DefaultValue("1h") @DurationMin(seconds = 0) @DurationMax(days = 7) Duration archivedScanInterval,
                                @DefaultValue("100") @Min(1) @Max(100) int listPageSize,
                                @DefaultValue("200") @Min(1) @Max(200) int searchPageSize,
                                @DefaultValue("1000") @Min(1) @Max(1000) int associationBatchSize) {
    public static final String DEFAULT_BASE_URL = "https://api.hubapi.com";

    public HubSpotProperties {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl;
    }

    /** A token is set: the source runs. */
    public boolean configured() {
        return Secret.present(accessToken);
    }
}
