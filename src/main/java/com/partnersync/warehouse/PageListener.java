package com.partnersync.warehouse;

import java.time.Duration;

/** Told about every page the {@link WarehouseWriter} commits (stop requests, progress); listeners must be quick. */
public interface PageListener {
    /** Before the page's transaction; throwing here commits nothing (a stop request). */
    default void beforeCommit(PageCommit page) {
    }

    default void committed(PageCommit page, PageCounts counts) {
    }

    /**
     * A source waits before its next page (a Bulk API job still running): wait up to {@code time}, throwing as
     * {@link #beforeCommit} would as soon as the run should stop. Returns false without waiting when this listener
     * has no stop requests to watch for (the writer then just sleeps).
     */
    default boolean pause(Duration time) throws InterruptedException {
        return false;
    }
}
