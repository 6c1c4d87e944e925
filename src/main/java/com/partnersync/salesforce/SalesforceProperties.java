package com.partnersync.salesforce;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code partner-sync.salesforce.*}: connected-app credentials (from the environment) and sync tuning. Still a JavaBean
 * (lane camel is moving Salesforce onto camel-salesforce); its numbers are bounded already, so a bad value stops
 * start-up with one line naming the key, the value and the range.
 */
@Validated
@ConfigurationProperties("partner-sync.salesforce")
public class SalesforceProperties {
    private String loginUrl = "https://login.salesforce.com";
    private String clientId;
    private String clientSecret;
    private String username;
    private String password;
    private String refreshToken;
    private String jwtKeystore;
    private String jwtKeystorePassword;
    private String apiVersion = "62.0";
    /** Stop a run (PAUSED_LIMIT) once this share of the org's daily API requests is used. */
    @DecimalMin("0.01")
    @DecimalMax("1.0")
    private double maxApiShare = 0.9;
    /** REST query page size (Salesforce's maximum batchSize). */
    @Min(200)
    @Max(2000)
    private int batchSize = 2000;
    /** Above this many records to read, the rest of an object is read through a Bulk API 2.0 query job. */
    @Min(0)
    private int bulkThreshold = 10_000;
    @DurationMin(millis = 1)
    @DurationMax(minutes = 5)
    private Duration bulkPollInterval = Duration.ofSeconds(2);
    /** Re-read this much before the checkpoint, for records whose SystemModstamp was committed late; upserts make it harmless. */
    @DurationMin(seconds = 0)
    @DurationMax(days = 1)
    private Duration lookBack = Duration.ofSeconds(60);
    @Min(1)
    @Max(20)
    private int maxAttempts = 5;
    @DurationMin(millis = 1)
    @DurationMax(minutes = 1)
    private Duration initialBackoff = Duration.ofMillis(500);
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 30)
    private Duration requestTimeout = Duration.ofSeconds(120);

    /** Credentials for one of the three OAuth flows are present. */
    public boolean configured() {
        return present(loginUrl) && present(clientId)
                && ((present(username) && present(password)) || present(refreshToken) || present(jwtKeystore));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    public String getLoginUrl() { return loginUrl; }
    public void setLoginUrl(String loginUrl) { this.loginUrl = loginUrl; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getRefreshToken() { return refreshToken; }
    public void setRefreshToken(String refreshToken) { this.refreshToken = refreshToken; }
    public String getJwtKeystore() { return jwtKeystore; }
    public void setJwtKeystore(String jwtKeystore) { this.jwtKeystore = jwtKeystore; }
    public String getJwtKeystorePassword() { return jwtKeystorePassword; }
    public void setJwtKeystorePassword(String jwtKeystorePassword) { this.jwtKeystorePassword = jwtKeystorePassword; }
    public String getApiVersion() { return apiVersion; }
    public void setApiVersion(String apiVersion) { this.apiVersion = apiVersion; }
    public double getMaxApiShare() { return maxApiShare; }
    public void setMaxApiShare(double maxApiShare) { this.maxApiShare = maxApiShare; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public int getBulkThreshold() { return bulkThreshold; }
    public void setBulkThreshold(int bulkThreshold) { this.bulkThreshold = bulkThreshold; }
    public Duration getBulkPollInterval() { return bulkPollInterval; }
    public void setBulkPollInterval(Duration bulkPollInterval) { this.bulkPollInterval = bulkPollInterval; }
    public Duration getLookBack() { return lookBack; }
    public void setLookBack(Duration lookBack) { this.lookBack = lookBack; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getInitialBackoff() { return initialBackoff; }
    public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
    public Duration getRequestTimeout() { return requestTimeout; }
    public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
}
