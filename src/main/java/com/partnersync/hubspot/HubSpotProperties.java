package com.partnersync.hubspot;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code partner-sync.hubspot.*}: where the HubSpot API is, the private-app token, and how hard the client may push it.
 * Every wait is configurable so tests can run the real retry paths in milliseconds.
 */
@ConfigurationProperties("partner-sync.hubspot")
public class HubSpotProperties {
    private String baseUrl = "https://api.hubapi.com";
    /** Private-app access token; bound from HUBSPOT_ACCESS_TOKEN, never logged. */
    private String accessToken;
    /** The account's burst limit: requests per rolling interval (HubSpot private apps: 190 per 10 s on Pro). */
    private int requestsPerInterval = 190;
    private Duration interval = Duration.ofSeconds(10);
    /** The search endpoints' own limit, per second. */
    private int searchesPerSecond = 5;
    /** Stop (PAUSED_LIMIT) when fewer daily calls than this remain, leaving the rest to other integrations. */
    private long dailyReserve = 0;
    private int maxAttempts = 6;
    /** Wait after a 429 TEN_SECONDLY_ROLLING before retrying (the rolling window frees slots continuously). */
    private Duration secondlyWait = Duration.ofSeconds(1);
    /** Wait after a 423 Locked; HubSpot asks for at least 2 s. */
    private Duration lockedWait = Duration.ofSeconds(2);
    /** First and largest wait of the exponential backoff for 502/503/504. */
    private Duration backoffInitial = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(16);
    private Duration requestTimeout = Duration.ofSeconds(60);
    /** Incremental search re-reads this much before the checkpoint: HubSpot indexes new writes a few moments late. */
    private Duration lookBack = Duration.ofMinutes(5);
    private int listPageSize = 100;
    private int searchPageSize = 200;
    private int associationBatchSize = 1000;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public int getRequestsPerInterval() {
        return requestsPerInterval;
    }

    public void setRequestsPerInterval(int requestsPerInterval) {
        this.requestsPerInterval = requestsPerInterval;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getSearchesPerSecond() {
        return searchesPerSecond;
    }

    public void setSearchesPerSecond(int searchesPerSecond) {
        this.searchesPerSecond = searchesPerSecond;
    }

    public long getDailyReserve() {
        return dailyReserve;
    }

    public void setDailyReserve(long dailyReserve) {
        this.dailyReserve = dailyReserve;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getSecondlyWait() {
        return secondlyWait;
    }

    public void setSecondlyWait(Duration secondlyWait) {
        this.secondlyWait = secondlyWait;
    }

    public Duration getLockedWait() {
        return lockedWait;
    }

    public void setLockedWait(Duration lockedWait) {
        this.lockedWait = lockedWait;
    }

    public Duration getBackoffInitial() {
        return backoffInitial;
    }

    public void setBackoffInitial(Duration backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    public Duration getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getLookBack() {
        return lookBack;
    }

    public void setLookBack(Duration lookBack) {
        this.lookBack = lookBack;
    }

    public int getListPageSize() {
        return listPageSize;
    }

    public void setListPageSize(int listPageSize) {
        this.listPageSize = listPageSize;
    }

    public int getSearchPageSize() {
        return searchPageSize;
    }

    public void setSearchPageSize(int searchPageSize) {
        this.searchPageSize = searchPageSize;
    }

    public int getAssociationBatchSize() {
        return associationBatchSize;
    }

    public void setAssociationBatchSize(int associationBatchSize) {
        this.associationBatchSize = associationBatchSize;
    }
}
