package com.partnersync.sync;

/**
 * Told when a change stream (Salesforce Change Data Capture, HubSpot webhooks) has committed records between cycles,
 * so the work that depends on them (dedup, rules, write-back) runs within seconds instead of at the next cycle.
 */
@FunctionalInterface
public interface StreamedChanges {
    void committed(String sourceSystem);
}
