package com.partnersync.writeback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * {@code partner-sync.writeback.*}; the defaults are these annotations (docs/writeback.md explains each key).
 *
 * @param enabled             false stops the after-sync write-back (changes stay queued in the outbox)
 * @param salesforceBatchSize records per sObject Collections call (Salesforce maximum 200)
 * @param hubspotBatchSize    inputs per HubSpot batch update (HubSpot maximum 100)
 * @param maxAttempts         sends of a record before a retryable error counts as permanent
 * @param initialBackoff      wait before the first retry; doubles per attempt up to maxBackoff
 * @param maxRetryWait        how long one drain waits for due retries before leaving them to the next drain
 * @param sampleSize          records shown per object by {@code writeback --dry-run}
 * @param externalIdFields    CRM -> object -> external-id field to upsert by instead of updating by record id
 *                            (e.g. salesforce: {Deal_Registration__c: Deal_Reg_Id__c})
 * @param leadRecordKinds     CRM object -> lead.record_kind its rows carry, telling Lead rows from Contact rows
 */
@Validated
@ConfigurationProperties("partner-sync.writeback")
public record WritebackProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("200") @Min(1) @Max(200) int salesforceBatchSize,
                                  @DefaultValue("100") @Min(1) @Max(100) int hubspotBatchSize,
                                  @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
                                  @DefaultValue("2s") @DurationMin(millis = 1) @DurationMax(hours = 1) Duration initialBackoff,
                                  @DefaultValue("5m") @DurationMin(millis = 1) @DurationMax(days = 1) Duration maxBackoff,
                                  @DefaultValue("30s") @DurationMin(seconds = 0) @DurationMax(hours = 1) Duration maxRetryWait,
                                  @DefaultValue("5") @Min(1) @Max(100) int sampleSize,
                                  Map<String, Map<String, String>> externalIdFields,
                                  Map<String, String> leadRecordKinds) {
    public WritebackProperties {
        externalIdFields = externalIdFields == null ? Map.of() : Map.copyOf(externalIdFields);
        leadRecordKinds = leadRecordKinds == null ? Map.of("Lead", "lead", "Contact", "contact", "contacts", "contact")
                : Map.copyOf(leadRecordKinds);
    }
}
