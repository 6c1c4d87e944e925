package com.partnersync.mapping;

import java.time.Instant;
import java.util.Map;

/**
 * One row for a model table, produced from a {@link SourceRecord} by one mapping file.
 *
 * @param columns model column to coerced value (String, Integer, BigDecimal, Boolean, LocalDate, OffsetDateTime,
 *                List&lt;String&gt;, or null); every column of the mapping is present, in the mapping's order
 */
public record MappedRow(String table, String sourceSystem, String sourceId, Instant sourceModifiedAt,
                        Map<String, Object> columns, String rawJson) {
}
