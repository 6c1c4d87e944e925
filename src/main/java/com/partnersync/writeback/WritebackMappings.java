package com.partnersync.writeback;

import com.partnersync.mapping.Mapping;
import com.partnersync.mapping.MappingSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The write-back targets declared by the {@code writeback:} sections of the mapping files. */
final class WritebackMappings {
    private WritebackMappings() {
    }

    static List<WritebackMapping> from(MappingSet mappingSet, WritebackProperties properties) {
        List<WritebackMapping> mappings = new ArrayList<>();
        for (Mapping m : mappingSet.mappings()) {
            if (m.writeback().isEmpty()) {
                continue;
            }
            String externalId = properties.externalIdFields().getOrDefault(m.source(), Map.of()).get(m.object());
            // Salesforce Leads and Contacts both become lead rows; only record_kind tells which object to write to
            String kind = m.target().equals("lead") ? properties.leadRecordKinds().get(m.object()) : null;
            mappings.add(new WritebackMapping(m.source(), m.object(), m.target(), m.writeback(), externalId,
                    kind == null ? Map.of() : Map.of("record_kind", kind)));
        }
        return mappings;
    }
}
