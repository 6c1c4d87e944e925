package com.partnersync.warehouse;

/** What one sync run did to one CRM object; stored in sync_run_object and printed by {@code sync --once}. */
public record ObjectSummary(String sourceSystem, String object, RunStatus status, long read, long inserted, long updated,
                            long deleted, long errors, long apiCalls, double seconds, String message) {
}
