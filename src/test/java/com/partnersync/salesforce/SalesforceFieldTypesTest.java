package com.partnersync.salesforce;

import com.partnersync.testsupport.SalesforceFake;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.sync.MalformedResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bulk CSV cells typed by the sObject Describe field types, as the REST API's JSON has them. */
class SalesforceFieldTypesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> described = new ArrayList<>();
    private final SalesforceFieldTypes types = new SalesforceFieldTypes(object -> {
        described.add(object);
        return json(SalesforceFake.fixture("sobjects-" + object + "-describe.json"));
    });

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @ParameterizedTest(name = "{0}.{1} = \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // object      | field                  | CSV cell                   | REST JSON value
            "Opportunity   | Amount                 | 330018.97                  | 330018.97",
            "Opportunity   | Amount                 | 125000                     | 125000",
            "Opportunity   | Discount__c            | 12.5                       | 12.5",
            "Opportunity   | IsWon                  | true                       | true",
            "Opportunity   | IsClosed               | false                      | false",
            "Opportunity   | CloseDate              | 2026-11-30                 | \"2026-11-30\"",
            "Opportunity   | SystemModstamp         | 2026-01-05T10:00:00.000Z   | \"2026-01-05T10:00:00.000+0000\"",
            "Opportunity   | Name                   | 12.5                       | \"12.5\"",
            "Opportunity   | Paid_Channel__c        | ``                         | null",
            "Opportunity   | Amount                 | ``                         | null",
            "Account       | NumberOfEmployees      | 250                        | 250",
            "Account       | AnnualRevenue          | 1500000.5                  | 1500000.5",
            // relationship paths are typed by the parent's Describe
            "Opportunity   | Account.NumberOfEmployees | 40                      | 40",
            "Opportunity   | Account.Name           | 007                        | \"007\"",
            // unknown fields and unparseable cells stay text, so nothing is lost and the mapping reports them
            "Opportunity   | No_Such_Field__c       | 42                         | \"42\"",
            "Opportunity   | Amount                 | n/a                        | \"n/a\"",
            "Opportunity   | IsWon                  | yes                        | \"yes\"",
    })
    void aCellIsTypedAsRestTypesTheField(String object, String field, String cell, String rest) throws Exception {
        Object value = types.value(object, field, cell);

        assertThat(JSON.writeValueAsString(value)).isEqualTo(rest);
    }

    @Test
    void eachObjectIsDescribedOnce() {
        types.value("Opportunity", "Amount", "1");
        types.value("Opportunity", "IsWon", "true");
        types.value("Opportunity", "Account.Name", "Acme");
        types.value("Opportunity", "Account.Website", "https://acme.example.com");

        assertThat(described).containsExactly("Opportunity", "Account");
    }

    @Test
    void aDescribeWithoutFieldsIsAMalformedAnswer() {
        SalesforceFieldTypes broken = new SalesforceFieldTypes(object -> json("{\"name\":\"Opportunity\"}"));

        assertThatThrownBy(() -> broken.value("Opportunity", "Amount", "1"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("no fields array");
    }
}
