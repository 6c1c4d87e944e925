package com.partnersync.writeback;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Diff-only rule: when a CRM value counts as already equal to the value write-back would send. */
class CrmValuesTest {
    @ParameterizedTest(name = "ours {0} vs CRM {1} -> same {2}")
    @CsvSource(nullValues = "NULL", value = {
            "APPROVED,   APPROVED,                     true",
            "APPROVED,   EXPIRED,                      false",
            "APPROVED,   approved,                     false",
            "NULL,       NULL,                         true",
            "NULL,       '',                           true",
            "GOLD,       NULL,                         false",
            "NULL,       GOLD,                         false",
            "2027-02-28, 2027-02-28,                   true",
            "2027-02-28, 2027-02-28T00:00:00.000+0000, true",
            "2027-02-28, 2027-02-28T10:00:00.000+0000, false",
            "2027-02-28, 1803772800000,                true",
            "2027-02-28, 1803859200000,                false",
    })
    void sameValue(String ours, String theirs, boolean same) {
        assertThat(CrmValues.same(ours, theirs)).isEqualTo(same);
    }

    @ParameterizedTest(name = "{0} . {1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "'{\"Id\":\"a0X\",\"Deal_Reg_Status__c\":\"APPROVED\"}',          Deal_Reg_Status__c, APPROVED, true",
            "'{\"Id\":\"a0X\",\"Deal_Reg_Status__c\":null}',                  Deal_Reg_Status__c, NULL,     true",
            "'{\"Id\":\"a0X\"}',                                             Deal_Reg_Status__c, NULL,     false",
            "'{\"id\":\"9\",\"properties\":{\"partner_tier\":\"GOLD\"}}',     partner_tier,       GOLD,     true",
            "'{\"id\":\"9\",\"properties\":{\"partner_tier\":\"\"}}',         partner_tier,       NULL,     true",
    })
    void readsSalesforceTopLevelFieldsAndHubSpotProperties(String json, String field, String text, boolean present) throws Exception {
        var record = new ObjectMapper().readTree(json);
        assertThat(CrmValues.text(record, field)).isEqualTo(text);
        assertThat(CrmValues.has(record, field)).isEqualTo(present);
    }
}
