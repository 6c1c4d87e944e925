package com.partnersync.writeback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code writeback --dry-run}: per CRM object, the records and fields the next drain would change. */
public record DryRunReport(List<ObjectDiff> objects) {
    /** One CRM object's pending changes. */
    public static final class ObjectDiff {
        private final WritebackMapping mapping;
        private final int batchSize;
        private final int sampleSize;
        private int records;
        private final Map<String, Integer> fields = new LinkedHashMap<>();
        private final List<RecordChange> sample = new ArrayList<>();

        ObjectDiff(WritebackMapping mapping, int batchSize, int sampleSize) {
            this.mapping = mapping;
            this.batchSize = batchSize;
            this.sampleSize = sampleSize;
            mapping.fields().values().forEach(f -> fields.put(f, 0));
        }

        void add(RecordChange change) {
            records++;
            change.values().keySet().forEach(f -> fields.merge(f, 1, Integer::sum));
            if (sample.size() < sampleSize) {
                sample.add(change);
            }
        }

        public String object() {
            return mapping.describe();
        }

        public int records() {
            return records;
        }

        /** CRM field -> records in which it would change. */
        public Map<String, Integer> fields() {
            return fields;
        }

        public List<RecordChange> sample() {
            return sample;
        }

        public int calls() {
            return (records + batchSize - 1) / batchSize;
        }
    }

    public int records() {
        return objects.stream().mapToInt(ObjectDiff::records).sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder("write-back dry run: nothing is sent or changed\n");
        for (ObjectDiff o : objects) {
            out.append(String.format(Locale.ROOT, "%n%s (%s): %d records would change, %d API calls%n",
                    o.object(), o.mapping.target(), o.records, o.calls()));
            if (o.records == 0) {
                continue;
            }
            o.fields.forEach((field, n) -> out.append(String.format(Locale.ROOT, "  %-28s %7d%n", field, n)));
            out.append("  sample:\n");
            for (RecordChange c : o.sample) {
                c.values().forEach((field, value) -> out.append(String.format(Locale.ROOT, "    %-20s %-26s %s -> %s%n",
                        c.key(), field, quote(c.previous().get(field)), quote(value))));
            }
        }
        return out.toString();
    }

    private static String quote(String value) {
        if (value == null) {
            return "(empty)";
        }
        String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
        return '"' + shown + '"';
    }
}
