package com.partnersync.warehouse;

/** How a sync run, or one CRM object in it, ended; stored by name in sync_run and sync_run_object. */
public enum RunStatus {
    /** Everything read (or written) that was due. */
    SUCCEEDED,
    /** The CRM's API budget (the configured share of the daily limit) stopped it; the checkpoint is kept, the next run resumes. */
    PAUSED_LIMIT,
    /** A reconcile run in which some objects succeeded and others did not. */
    PARTIAL,
    /** A CRM error or a bug stopped it; the message says which. */
    FAILED,
    /** A stop request (SIGTERM, lost leadership) ended it after its last committed page; the next run carries on. */
    INTERRUPTED,
    /** Left RUNNING by an instance that died; marked so by the next active instance ({@link SyncRuns#abandonRunning}). */
    ABANDONED
}
