package com.partnersync.sandbox;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in one object's change order: records sort by last-modified time, then by id (plain string order, which
 * the sandbox's fixed-width ids make agree with creation order). Paging "after a cursor" is how incremental syncs
 * resume without skipping or repeating records that share a timestamp.
 */
public record Cursor(Instant modifiedAt, String id) implements Comparable<Cursor> {
    private static final Comparator<Cursor> ORDER = Comparator.comparing(Cursor::modifiedAt).thenComparing(Cursor::id);

    public Cursor {
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(id, "id");
    }

    public static Cursor of(SandboxRecord record) {
        return new Cursor(record.modifiedAt(), record.id());
    }

    @Override
    public int compareTo(Cursor other) {
        return ORDER.compare(this, other);
    }
}
