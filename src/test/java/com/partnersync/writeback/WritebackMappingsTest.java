package com.partnersync.writeback;

import com.partnersync.testsupport.TestSettings;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped mappings/ declare write-back for every computed value, and their keys validate against the views. */
class WritebackMappingsTest {
    private static final List<WritebackMapping> SHIPPED = WritebackMappings.from(
            MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource())), TestSettings.defaults(WritebackProperties.class));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "salesforce | Deal_Registration__c | deal_registration | status=Deal_Reg_Status__c, expires_at=Deal_Reg_Expires__c, acceptance_text=Deal_Reg_Acceptance__c | ",
            "salesforce | Opportunity          | opportunity       | attribution_source=Attribution_Source__c, attribution_partner_id=Attribution_Partner__c | ",
            "salesforce | Account              | partner           | tier=Partner_Tier__c, quadrant=Partner_Quadrant__c | ",
            "salesforce | Lead                 | lead              | duplicate_of=Duplicate_Of__c | lead",
            "salesforce | Contact              | lead              | duplicate_of=Duplicate_Of__c | contact",
            "hubspot    | deals                | opportunity       | attribution_source=attribution_source, attribution_partner_id=attribution_partner | ",
            "hubspot    | companies            | partner           | tier=partner_tier, quadrant=partner_quadrant | ",
            "hubspot    | contacts             | lead              | duplicate_of=duplicate_of | contact",
    })
    void shippedWriteback(String source, String object, String target, String fields, String recordKind) {
        WritebackMapping mapping = SHIPPED.stream()
                .filter(m -> m.sourceSystem().equals(source) && m.crmObject().equals(object) && m.target().equals(target))
                .findFirst().orElseThrow();
        assertThat(mapping.fields().toString()).isEqualTo("{" + fields + "}");
        assertThat(mapping.rowFilter()).isEqualTo(recordKind == null ? Map.of() : Map.of("record_kind", recordKind));
        assertThat(mapping.externalIdField()).isNull();
    }
}
