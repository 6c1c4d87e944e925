package com.partnersync.warehouse;

/** Told about every page the {@link WarehouseWriter} commits (stop requests, progress); listeners must be quick. */
public interface PageListener {
    /** Before the page's transaction; throwing here commits nothing (a stop request). */
    default void beforeCommit(PageCommit page) {
    }

    default void committed(PageCommit page, PageCounts counts) {
    }
}
