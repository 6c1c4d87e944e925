package com.partnersync.salesforce;

import com.partnersync.sync.Secret;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code partner-sync.salesforce.*}: connected-app credentials (from the environment) and sync tuning. Defaults and
 * bounds are the annotations (docs/salesforce.md explains each key); a bad value stops start-up with one line naming
 * the key, the value and the range.
 *
 * @param loginUrl            blank = {@link #DEFAULT_LOGIN_URL} (SALESFORCE_LOGIN_URL arrives empty when unset)
 * @param clientSecret        the secrets are masked in toString and never logged
 * @param jwtKeystore         PKCS12 keystore with the connected app's certificate key: the JWT bearer flow
 * @param maxApiShare         stop a run (PAUSED_LIMIT) once this share of the org's daily API requests is used
 * @param batchSize           REST query page size (Salesforce's maximum batchSize is 2,000)
 * @param bulkThreshold       above this many records to read, the rest of an object is read through a Bulk API 2.0
 *                            query job
 * @param lookBack            re-read this much before the checkpoint, for records whose SystemModstamp was committed
 *                            late; upserts make it harmless
 * @param maxAttempts         attempts per call (the first and its redeliveries)
 * @param initialBackoff      first wait of the exponential backoff (x2, with jitter)
 */
@Validated
@ConfigurationProperties("partner-sync.salesforce")
public record SalesforceProperties(String loginUrl,
                                   String clientId,
                                   Secret clientSecret,
                                   String username,
                                   Secret password,
                                   Secret refreshToken,
                                   String jwtKeystore,
                                   Secret jwtKeystorePassword,
                                   @DefaultValue("62.0") String apiVersion,
                                   @DefaultValue("0.9") @DecimalMin("0.01") @DecimalMax("1.0") double maxApiShare,
                                   @DefaultValue("2000") @Min(200) @Max(2000) int batchSize,
                                   @DefaultValue("10000") @Min(0) int bulkThreshold,
                                   @DefaultValue("2s") @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration bulkPollInterval,
                                   @DefaultValue("60s") @DurationMin(seconds = 0) @DurationMax(days = 1) Duration lookBack,
                                   @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
                                   @DefaultValue("500ms") @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration initialBackoff,
                                   @DefaultValue("120s") @DurationMin(seconds = 1) @DurationMax(minutes = 30) Duration requestTimeout) {
    public static final String DEFAULT_LOGIN_URL = "https://login.salesforce.com";

    public SalesforceProperties {
        loginUrl = loginUrl == null || loginUrl.isBlank() ? DEFAULT_LOGIN_URL : loginUrl;
    }

    /** Credentials for one of the three OAuth flows are present. */
    public boolean configured() {
        return present(clientId) && (present(username) && Secret.present(password) || Secret.present(refreshToken)
                || present(jwtKeystore));
    }

    /** The JWT bearer flow: a keystore is set (it wins over a refresh token and a password). */
    public boolean jwt() {
        return present(jwtKeystore);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    static String reveal(Secret secret) {
        return secret == null ? null : secret.reveal();
    }
}
