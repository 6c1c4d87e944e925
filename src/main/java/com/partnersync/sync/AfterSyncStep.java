package com.partnersync.sync;

/** Work that follows every sync cycle (rules, lead deduplication, write-back), in ascending {@link #order()}. */
public interface AfterSyncStep {
    String name();

    int order();

    void run(long runId);
}
