package com.partnersync.mapping;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Mapping a page of Salesforce Opportunity records with the shipped opportunity.yml. */
class MappingSetMapTest {
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final MappingSet SHIPPED = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));

    private static SourceRecord opportunity(String id, Map<String, Object> fields) {
        return new SourceRecord("salesforce", "Opportunity", id, T1, false, fields, "{\"Id\":\"" + id + "\"}");
    }

    @Test
    void aRecordWithAnUnparseableDateBecomesAnErrorWhileTheRestOfThePageMaps() {
        MappingResult result = SHIPPED.map(List.of(
                opportunity("006A", Map.of("Name", "Big deal", "Amount", 1.27625088E8, "CloseDate", "2026-03-31",
                        "IsWon", true, "LeadSource", "Partner Referral", "Discount__c", 15.0)),
                opportunity("006B", Map.of("Name", "Bad date", "CloseDate", "soon")),
                opportunity("006C", Map.of("Name", "Small", "CreatedDate", "2026-03-01T23:30:00.000+0000"))));

        assertThat(result.rows()).extracting(MappedRow::sourceId).containsExactly("006A", "006C");
        assertThat(result.rows().get(0).columns())
                .containsEntry("amount", new BigDecimal("127625088"))
                .containsEntry("close_date", LocalDate.of(2026, 3, 31))
                .containsEntry("is_won", true)
                .containsEntry("source", "partner")
                .containsEntry("discount", new BigDecimal("0.150"))
                .containsEntry("fraud_flag", false);
        assertThat(result.rows().get(1).columns()).containsEntry("created_date", LocalDate.of(2026, 3, 1))
                .containsEntry("source", "direct");
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.recordId()).isEqualTo("006B");
            assertThat(e.field()).isEqualTo("CloseDate -> close_date");
            assertThat(e.message()).contains("not a date: 'soon'");
        });
    }

    @Test
    void aDeletedRecordGivesOneDeletionPerTargetTableOfItsObject() {
        SourceRecord deleted = new SourceRecord("salesforce", "Account", "001X", T1, true, Map.of(), "{}");

        assertThat(SHIPPED.map(List.of(deleted)).deletions()).containsExactly(
                new Deletion("account", "salesforce", "001X", T1), new Deletion("partner", "salesforce", "001X", T1));
    }
}
