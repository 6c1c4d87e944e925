package com.partnersync.salesforce;

import com.partnersync.mapping.Deletion;
import com.partnersync.mapping.MappedRow;
import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.SourceRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Account -> account (name, website): the smallest mapping that exercises rows and soft deletes. */
final class AccountTestMapping implements SalesforceMapping {
    @Override
    public List<String> objects() {
        return List.of("Account");
    }

    @Override
    public List<String> sourceFields(String object) {
        return List.of("Name", "Website");
    }

    @Override
    public MappingResult map(List<SourceRecord> page) {
        List<MappedRow> rows = new ArrayList<>();
        List<Deletion> deletions = new ArrayList<>();
        for (SourceRecord r : page) {
            if (r.deleted()) {
                deletions.add(new Deletion("account", r.sourceSystem(), r.id(), r.modifiedAt()));
            } else {
                Map<String, Object> columns = new LinkedHashMap<>();
                columns.put("name", r.fields().get("Name"));
                columns.put("website", r.fields().get("Website"));
                rows.add(new MappedRow("account", r.sourceSystem(), r.id(), r.modifiedAt(), columns, r.rawJson()));
            }
        }
        return new MappingResult(rows, deletions, List.of());
    }
}
