package com.partnersync.sync;

/** Work that follows the sources in every sync cycle (lead dedup, rules, write-back; the order is SyncCycle's). */
public interface AfterSyncStep {
    String name();

    void run(long runId);
}
