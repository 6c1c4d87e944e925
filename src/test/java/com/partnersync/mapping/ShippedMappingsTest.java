package com.partnersync.mapping;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The default files in mappings/ must load against the migrated model, or the shipped product does not start. */
class ShippedMappingsTest {
    @Test
    void everyShippedMappingValidatesAgainstTheMigratedModel() {
        MappingSet set = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));

        assertThat(set.objects("salesforce"))
                .containsExactly("Account", "Contact", "Deal_Registration__c", "Event", "Lead", "Opportunity", "Task");
        assertThat(set.objects("hubspot")).containsExactly("calls", "companies", "contacts", "deals", "meetings");
        assertThat(set.mappings("salesforce", "Account")).extracting(Mapping::target).containsExactly("account", "partner");
        assertThat(set.sourceFields("salesforce", "Account")).startsWith("Name", "Website", "Partner_Id__c")
                .contains("Type", "Id", "Market_Relevance__c").doesNotHaveDuplicates();
    }
}
