package com.partnersync.writeback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one model table's computed values go in one CRM object, from the {@code writeback:} section of a mapping file.
 *
 * @param fields          column of view {@code writeback_values_<target>} -> CRM field, in file order
 * @param externalIdField CRM external-id field to upsert by (its value is read from the synced raw record), or null to
 *                        update by record id
 * @param rowFilter       model column -> constant the mapping sets (record_kind: contact), telling apart rows several
 *                        CRM objects feed into one table
 */
public record WritebackMapping(String sourceSystem, String crmObject, String target, Map<String, String> fields,
                               String externalIdField, Map<String, String> rowFilter) {
    public WritebackMapping {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        rowFilter = Map.copyOf(rowFilter);
    }

    public String describe() {
        return sourceSystem + " " + crmObject;
    }
}
