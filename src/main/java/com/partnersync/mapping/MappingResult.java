package com.partnersync.mapping;

import java.util.List;

/** What mapping one page of source records produced: rows to upsert, rows to soft-delete, and errors. */
public record MappingResult(List<MappedRow> rows, List<Deletion> deletions, List<RecordError> errors) {
}
