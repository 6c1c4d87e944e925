package com.partnersync.mapping;

import java.util.Set;

/**
 * One column of a model table or view as the database declares it.
 *
 * @param dataType      information_schema data type ("text", "numeric", "timestamp with time zone", ...); for arrays
 *                      the element type ("text")
 * @param array         true for array columns (text[])
 * @param precision     numeric precision, or null when unconstrained
 * @param scale         numeric scale, or null
 * @param allowedValues the values a single-column check constraint ({@code col in (...)} or {@code col <@ array[...]})
 *                      allows; empty when unconstrained or unknown
 */
public record ModelColumn(String name, String dataType, boolean array, boolean nullable, boolean hasDefault,
                          Integer precision, Integer scale, Set<String> allowedValues) {
    public ModelColumn {
        allowedValues = Set.copyOf(allowedValues);
    }

    /** The coercion a mapping uses for this column when it names no {@code type}. */
    ValueType defaultType() {
        if (array) {
            return ValueType.LIST;
        }
        return switch (dataType) {
            case "integer", "bigint", "smallint" -> ValueType.INTEGER;
            case "numeric", "double precision", "real" -> ValueType.DECIMAL;
            case "boolean" -> ValueType.BOOLEAN;
            case "date" -> ValueType.DATE;
            case "timestamp with time zone", "timestamp without time zone" -> ValueType.DATETIME;
            default -> ValueType.STRING;
        };
    }

    /** Whether a value coerced to {@code type} can be stored in this column. */
    boolean accepts(ValueType type) {
        return switch (defaultType()) {
            case STRING -> type != ValueType.LIST;
            case DECIMAL -> type == ValueType.DECIMAL || type == ValueType.PERCENT || type == ValueType.INTEGER;
            default -> type == defaultType();
        };
    }

    /** Human-readable type for messages, e.g. "text[]" or "numeric(9,6)". */
    String describeType() {
        String base = precision != null && dataType.equals("numeric") ? "numeric(" + precision + "," + scale + ")" : dataType;
        return array ? base + "[]" : base;
    }
}
