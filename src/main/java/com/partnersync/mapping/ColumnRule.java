package com.partnersync.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one model column gets its value from a CRM record: read (from / concat / value), transforms, map, default,
 * required, coercion. Constants, map values and defaults are coerced once at load time.
 */
final class ColumnRule {
    private final ModelColumn column;
    private final List<String> from;
    private final List<String> concat;
    private final String separator;
    private final boolean hasConstant;
    private final Object constant;
    private final ValueType type;
    private final List<Transform> transforms;
    private final Map<String, Object> map;
    private final Object defaultValue;
    private final boolean required;

    ColumnRule(ModelColumn column, List<String> from, List<String> concat, String separator, boolean hasConstant,
               Object constant, ValueType type, List<Transform> transforms, Map<String, Object> map, Object defaultValue,
               boolean required) {
        this.column = column;
        this.from = List.copyOf(from);
        this.concat = List.copyOf(concat);
        this.separator = separator;
        this.hasConstant = hasConstant;
        this.constant = constant;
        this.type = type;
        this.transforms = List.copyOf(transforms);
        this.map = map;
        this.defaultValue = defaultValue;
        this.required = required;
    }

    String column() {
        return column.name();
    }

    /** Whether every record gets a non-null value (or is rejected): what a NOT NULL column needs. */
    boolean alwaysHasValue() {
        return hasConstant || defaultValue != null || required;
    }

    /** The CRM fields this rule reads, as written in the file. */
    List<String> fields() {
        return concat.isEmpty() ? from : concat;
    }

    /** "Amount -> amount": the CRM field(s) and the model column, as stored in sync_error.field. */
    String describe() {
        String fields = hasConstant ? "(value)" : String.join(concat.isEmpty() ? "|" : "+", fields());
        return fields + " -> " + column.name();
    }

    /** The model value for one record; a value that cannot be used throws {@link BadValueException}. */
    Object value(Map<String, Object> fields) {
        if (hasConstant) {
            return constant;
        }
        Object value = concat.isEmpty() ? firstNonBlank(fields) : concatenated(fields);
        for (Transform transform : transforms) {
            value = transform.apply(value);
        }
        if (isBlank(value)) {
            value = null;
        }
        if (value != null && map != null) {
            String key = ValueType.text(value instanceof Collection<?> c && c.size() == 1 ? c.iterator().next() : value);
            if (map.containsKey(key)) {
                return map.get(key);
            }
            if (defaultValue != null) {
                return defaultValue;
            }
            throw BadValueException.of("no map entry for value (and no default) in", value);
        }
        if (value == null) {
            if (defaultValue != null) {
                return defaultValue;
            }
            if (required) {
                throw new BadValueException("required, but the record has no value");
            }
            return null;
        }
        Object coerced = type.coerce(value, separator);
        if (coerced instanceof List<?> list && list.isEmpty()) {
            return null;
        }
        check(column, coerced, value);
        return coerced;
    }

    /** Values the database would reject fail the record here, not the whole page at commit. */
    static void check(ModelColumn column, Object coerced, Object original) {
        if (!column.allowedValues().isEmpty()) {
            Collection<?> items = coerced instanceof Collection<?> c ? c : List.of(coerced);
            for (Object item : items) {
                if (!column.allowedValues().contains(ValueType.text(item))) {
                    throw BadValueException.of("not one of " + column.allowedValues().stream().sorted()
                            .collect(Collectors.joining(", ")), original);
                }
            }
        }
        if (coerced instanceof BigDecimal d && column.precision() != null && column.dataType().equals("numeric")) {
            int scale = column.scale() == null ? 0 : column.scale();
            BigDecimal rounded = d.setScale(scale, RoundingMode.HALF_UP);
            if (rounded.precision() - rounded.scale() > column.precision() - scale) {
                throw BadValueException.of("too large for " + column.describeType(), original);
            }
        }
    }

    private Object firstNonBlank(Map<String, Object> fields) {
        for (String path : from) {
            Object value = lookup(fields, path);
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }

    private Object concatenated(Map<String, Object> fields) {
        String joined = concat.stream().map(path -> lookup(fields, path)).filter(v -> !isBlank(v))
                .map(v -> ValueType.text(v).strip()).collect(Collectors.joining(separator == null ? " " : separator));
        return joined.isEmpty() ? null : joined;
    }

    /** A field name, a literal dotted key (HubSpot "associations.companies") or a path into nested Salesforce objects. */
    static Object lookup(Map<String, Object> fields, String path) {
        Object value = fields.get(path);
        if (value != null || path.indexOf('.') < 0 || fields.containsKey(path)) {
            return value;
        }
        Object current = fields;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    static boolean isBlank(Object value) {
        return value == null || value instanceof String s && s.isBlank() || value instanceof Collection<?> c && c.isEmpty();
    }
}
