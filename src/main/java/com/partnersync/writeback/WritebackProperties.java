package com.partnersync.writeback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * {@code partner-sync.writeback.*}.
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
@ConfigurationProperties("partner-sync.writeback")
public record WritebackProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("200") int salesforceBatchSize,
                                  @DefaultValue("100") int hubspotBatchSize,
                                  @DefaultValue("5") int maxAttempts,
                                  @DefaultValue("2s") Duration initialBackoff,
                                  @DefaultValue("5m") Duration maxBackoff,
                                  @DefaultValue("30s") Duration maxRetryWait,
                                  @DefaultValue("5") int sampleSize,
                                  Map<String, Map<String, String>> externalIdFields,
                                  Map<String, String> leadRecordKinds) {
    public WritebackProperties {
        externalIdFields = externalIdFields == null ? Map.of() : Map.copyOf(externalIdFields);
        leadRecordKinds = leadRecordKinds == null ? Map.of("Lead", "lead", "Contact", "contact", "contacts", "contact")
                : Map.copyOf(leadRecordKinds);
        if (salesforceBatchSize < 1 || salesforceBatchSize > 200) {
            throw new IllegalArgumentException("partner-sync.writeback.salesforce-batch-size must be 1..200 (sObject Collections maximum)");
        }
        if (hubspotBatchSize < 1 || hubspotBatchSize > 100) {
            throw new IllegalArgumentException("partner-sync.writeback.hubspot-batch-size must be 1..100 (HubSpot batch maximum)");
        }
    }

    public static WritebackProperties defaults() {
        return new WritebackProperties(true, 200, 100, 5, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30), 5, null, null);
    }
}
