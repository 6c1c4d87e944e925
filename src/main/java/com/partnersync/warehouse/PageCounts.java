package com.partnersync.warehouse;

/** What committing one page changed. Rows whose values did not change count as unchanged and are not touched. */
public record PageCounts(int inserted, int updated, int unchanged, int deleted, int errors) {
    public static final PageCounts NONE = new PageCounts(0, 0, 0, 0, 0);

    public PageCounts plus(PageCounts other) {
        return new PageCounts(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                deleted + other.deleted, errors + other.errors);
    }
}
