package com.partnersync.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lineage and idempotent upsert end to end: a Salesforce Account query page (REST query response shape) mapped by the
 * shipped account.yml and partner.yml and committed by the WarehouseWriter.
 */
class MappedPageCommitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MappingSet SHIPPED = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final WarehouseWriter writer = new WarehouseWriter(TestDatabase.dataSource());

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    /** The records of a query response as the Salesforce source hands them to the mapping. */
    private static List<SourceRecord> queryPage() throws IOException {
        try (InputStream in = MappedPageCommitTest.class.getResourceAsStream("query-account.json")) {
            List<SourceRecord> page = new ArrayList<>();
            for (JsonNode record : JSON.readTree(in).get("records")) {
                Map<String, Object> fields = JSON.convertValue(record, new TypeReference<>() {
                });
                page.add(new SourceRecord("salesforce", "Account", record.get("Id").asText(),
                        OffsetDateTime.parse(record.get("SystemModstamp").asText().replace("+0000", "Z")).toInstant(),
                        record.get("IsDeleted").asBoolean(), fields, record.toString()));
            }
            return page;
        }
    }

    private PageCounts commit(MappingResult mapped) {
        return writer.commit(new PageCommit(0, "salesforce", "Account", mapped, null));
    }

    @Test
    void committingTheSameMappedPageTwiceChangesNothing() throws IOException {
        MappingResult mapped = SHIPPED.map(queryPage());

        // Fabrikam's partner type is not in the model's list: an error from account.yml and partner.yml, no rows;
        // the other 3 accounts load, 2 of them partners
        assertThat(commit(mapped)).isEqualTo(new PageCounts(5, 0, 0, 0, 2));
        List<Map<String, Object>> accounts = jdbc.queryForList("select * from account order by source_id");
        List<Map<String, Object>> partners = jdbc.queryForList("select * from partner order by source_id");

        assertThat(commit(SHIPPED.map(queryPage()))).isEqualTo(new PageCounts(0, 0, 5, 0, 2));

        assertThat(jdbc.queryForList("select * from account order by source_id")).isEqualTo(accounts);
        assertThat(jdbc.queryForList("select * from partner order by source_id")).isEqualTo(partners);
        assertThat(accounts).extracting(r -> r.get("source_id")).containsExactly("001Hs00001A1AAAAA1", "001Hs00001A1AAAAA2",
                "001Hs00001A1AAAAA4");
        assertThat(accounts.get(0)).containsEntry("source_system", "salesforce").containsEntry("domain", "northwind.example")
                .containsEntry("partner_type", "reseller").containsEntry("annual_revenue", new BigDecimal("127625088.00"))
                .containsEntry("employee_count", 250).containsEntry("deleted", false);
        assertThat(jdbc.queryForObject("select source_modified_at from account where source_id = '001Hs00001A1AAAAA1'",
                OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(jdbc.queryForObject("select raw->>'Name' from account where source_id = '001Hs00001A1AAAAA2'", String.class))
                .isEqualTo("Contoso Ltd");
        assertThat(partners).extracting(r -> r.get("partner_id")).containsExactly("P-0001", "P-0004");
        assertThat(jdbc.queryForList("select record_id, field, message from sync_error")).allSatisfy(e -> assertThat(e)
                .containsEntry("record_id", "001Hs00001A1AAAAA3").containsEntry("field", "Partner_Type__c -> partner_type"));
    }

    @Test
    void aDeletedRecordSoftDeletesItsRowInEveryTargetTable() throws IOException {
        commit(SHIPPED.map(queryPage()));
        SourceRecord deleted = new SourceRecord("salesforce", "Account", "001Hs00001A1AAAAA1",
                Instant.parse("2026-03-02T09:00:00Z"), true, Map.of("Id", "001Hs00001A1AAAAA1"), "{}");

        assertThat(commit(SHIPPED.map(List.of(deleted))).deleted()).isEqualTo(2);

        assertThat(jdbc.queryForList("select deleted from account where source_id = '001Hs00001A1AAAAA1'"
                + " union all select deleted from partner where source_id = '001Hs00001A1AAAAA1'", Boolean.class))
                .containsExactly(true, true);
        assertThat(jdbc.queryForObject("select count(*) from account where not deleted", Integer.class)).isEqualTo(2);
    }
}
