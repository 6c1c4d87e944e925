package com.partnersync.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.Cursor;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.WarehouseWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sandbox data set loaded into the test database through the shipped mappings and the warehouse writer (HubSpot
 * associations added the way the HubSpot source adds them), without the HTTP simulators: the rules and views see what
 * a sandbox sync gives them.
 */
final class SandboxWarehouse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxWarehouse() {
    }

    static void load(SandboxDataset dataset) {
        TestDatabase.truncateAll();
        JdbcTemplate jdbc = TestDatabase.jdbc();
        MappingSet mappings = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
        WarehouseWriter writer = new WarehouseWriter(TestDatabase.dataSource());
        long runId = jdbc.queryForObject("insert into sync_run (command) values ('sandbox-warehouse') returning id", Long.class);
        for (Crm crm : Crm.values()) {
            String source = crm.name().toLowerCase();
            for (String object : mappings.objects(source)) {
                if (!dataset.objects(crm).contains(object)) {
                    continue;
                }
                Cursor after = null;
                for (List<SandboxRecord> page = dataset.pageAfter(crm, object, null, null, null, 2000, true); !page.isEmpty();
                     page = dataset.pageAfter(crm, object, after, null, null, 2000, true)) {
                    List<SourceRecord> records = page.stream().map(r -> sourceRecord(dataset, crm, source, object, r)).toList();
                    writer.commit(new PageCommit(runId, source, object, mappings.map(records), null));
                    after = page.get(page.size() - 1).cursor();
                }
            }
        }
    }

    private static SourceRecord sourceRecord(SandboxDataset dataset, Crm crm, String source, String object, SandboxRecord r) {
        Map<String, Object> fields = new LinkedHashMap<>(r.fields());
        if (crm == Crm.HUBSPOT) {
            Map<String, Object> associations = new LinkedHashMap<>();
            for (String to : List.of("companies", "contacts", "deals")) {
                associations.put(to, dataset.associations(object, r.id(), to));
            }
            fields.put("associations", associations);
        }
        try {
            return new SourceRecord(source, object, r.id(), r.modifiedAt(), r.deleted(), fields, JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
