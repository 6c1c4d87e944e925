package com.partnersync.warehouse;

/** Told about every run as {@link SyncRuns} records it (metrics, health); listeners must not throw. */
public interface RunListener {
    default void started(long runId, String command) {
    }

    default void objectFinished(long runId, ObjectSummary summary) {
    }

    default void finished(long runId, String status) {
    }
}
