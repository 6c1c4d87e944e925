package com.partnersync.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One mapping file: which records of a CRM object become rows of one model table, and how. */
public final class Mapping {
    private final String file;
    private final int targetLine;
    private final String source;
    private final String object;
    private final String target;
    private final String whenField;
    private final Set<String> whenValues;
    private final List<ColumnRule> rules;
    private final Map<String, String> writeback;

    Mapping(String file, int targetLine, String source, String object, String target, String whenField, Set<String> whenValues,
            List<ColumnRule> rules, Map<String, String> writeback) {
        this.file = file;
        this.targetLine = targetLine;
        this.source = source;
        this.object = object;
        this.target = target;
        this.whenField = whenField;
        this.whenValues = whenValues == null ? null : Set.copyOf(whenValues);
        this.rules = List.copyOf(rules);
        this.writeback = Collections.unmodifiableMap(new LinkedHashMap<>(writeback));
    }

    public String file() {
        return file;
    }

    /** Line of the file's {@code target} key, for problems that involve two files. */
    int targetLine() {
        return targetLine;
    }

    public String source() {
        return source;
    }

    public String object() {
        return object;
    }

    public String target() {
        return target;
    }

    /** The model columns this file fills, in file order. */
    public List<String> columns() {
        return rules.stream().map(ColumnRule::column).toList();
    }

    /** Model value (column of writeback_values_&lt;target&gt; or of the target) to CRM field, in file order. */
    public Map<String, String> writeback() {
        return writeback;
    }

    /** Every CRM field (or dotted path) this file reads, write-back fields included, in file order without repeats. */
    public List<String> sourceFields() {
        Set<String> fields = new LinkedHashSet<>();
        if (whenField != null) {
            fields.add(whenField);
        }
        rules.forEach(rule -> fields.addAll(rule.fields()));
        fields.addAll(writeback.values());
        return new ArrayList<>(fields);
    }

    /** Whether a record passes this file's {@code when} condition. */
    public boolean matches(SourceRecord record) {
        if (whenField == null) {
            return true;
        }
        Object value = ColumnRule.lookup(record.fields(), whenField);
        return value != null && !(value instanceof Map<?, ?>) && !(value instanceof Collection<?>)
                && whenValues.contains(ValueType.text(value));
    }

    /** Maps one live record: a row, or the errors of every field that failed (then no row). */
    void map(SourceRecord record, List<MappedRow> rows, List<RecordError> errors) {
        Map<String, Object> columns = new LinkedHashMap<>(rules.size() * 2);
        List<RecordError> failed = new ArrayList<>(0);
        for (ColumnRule rule : rules) {
            try {
                columns.put(rule.column(), rule.value(record.fields()));
            } catch (BadValueException e) {
                failed.add(new RecordError(record.sourceSystem(), record.object(), record.id(), rule.describe(),
                        target + "." + rule.column() + " (" + file + "): " + e.getMessage(), record.rawJson()));
            }
        }
        if (failed.isEmpty()) {
            rows.add(new MappedRow(target, record.sourceSystem(), record.id(), record.modifiedAt(), columns, record.rawJson()));
        } else {
            errors.addAll(failed);
        }
    }

    @Override
    public String toString() {
        return file + " (" + source + " " + object + " -> " + target + ")";
    }
}
