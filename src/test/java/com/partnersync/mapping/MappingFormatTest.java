package com.partnersync.mapping;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each feature of the mapping format (mappings/README.md), applied to CRM-shaped records. */
class MappingFormatTest {
    private static final ModelCatalog CATALOG = new JdbcModelCatalog(TestDatabase.dataSource());
    private static final Instant MODIFIED = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private MappingSet load(String source, String object, String target, String body) throws IOException {
        Files.writeString(dir.resolve(target + ".yml"), "source: " + source + "\nobject: " + object + "\ntarget: " + target
                + "\n" + body);
        return MappingSet.load(dir, CATALOG);
    }

    private static SourceRecord record(String source, String object, Map<String, Object> fields) {
        return new SourceRecord(source, object, "R1", MODIFIED, false, fields, "{}");
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return fields;
    }

    static Stream<Arguments> columns() {
        return Stream.of(
                arguments("rename, type from the model column", "opportunity", "amount: Amount",
                        fields("Amount", "1.27625088E8"), new BigDecimal("1.27625088E8")),
                arguments("HubSpot string into an integer column", "account", "employee_count: numberofemployees",
                        fields("numberofemployees", "250"), 250),
                arguments("Salesforce double into an integer column", "account", "employee_count: NumberOfEmployees",
                        fields("NumberOfEmployees", 250.0), 250),
                arguments("dotted path into a Salesforce relationship", "lead", "company: Account.Name",
                        fields("Account", Map.of("Name", "Acme")), "Acme"),
                arguments("dotted path of a missing relationship", "lead", "company: Account.Name",
                        fields("Account", null), null),
                arguments("first non-blank of a list", "lead", "company_domain: {from: [Website, Email], transform: [trim, domain]}",
                        fields("Website", "  ", "Email", "jane@Acme.io"), "acme.io"),
                arguments("concat skips blank parts", "account", "name: {concat: [FirstName, MiddleName, LastName], separator: \" \"}",
                        fields("FirstName", " Jane ", "MiddleName", "", "LastName", "Doe"), "Jane Doe"),
                arguments("constant value", "activity", "activity_type: {value: meeting}", fields(), "meeting"),
                arguments("map after transforms", "opportunity",
                        "source: {from: deal_source, transform: [trim, lower], map: {partner: partner}, default: direct}",
                        fields("deal_source", " PARTNER "), "partner"),
                arguments("unmatched map value takes the default", "opportunity",
                        "source: {from: deal_source, map: {partner: partner}, default: direct}",
                        fields("deal_source", "organic"), "direct"),
                arguments("blank value takes the default", "opportunity", "fraud_flag: {from: Fraud_Flag__c, default: false}",
                        fields("Fraud_Flag__c", ""), false),
                arguments("map onto booleans", "opportunity",
                        "is_closed: {from: dealstage, map: {closedwon: \"true\", closedlost: \"true\"}, default: \"false\"}",
                        fields("dealstage", "closedlost"), true),
                arguments("percent", "opportunity", "discount: {from: Discount__c, type: percent}",
                        fields("Discount__c", "12.5%"), new BigDecimal("0.125")),
                arguments("boolean from Y/N", "account", "integration_present: Integration__c",
                        fields("Integration__c", "Y"), true),
                arguments("date from HubSpot epoch millis", "opportunity", "close_date: closedate",
                        fields("closedate", "1772323200000"), LocalDate.of(2026, 3, 1)),
                arguments("datetime from Salesforce", "lead", "created_at: CreatedDate",
                        fields("CreatedDate", "2026-03-01T10:00:00.000+0000"), OffsetDateTime.parse("2026-03-01T10:00Z")),
                arguments("multi-select picklist into text[]", "activity", "owner_functions: Owner_Functions__c",
                        fields("Owner_Functions__c", "AE;PartnerAE"), List.of("AE", "PartnerAE")),
                arguments("HubSpot association list into text[]", "opportunity", "contact_source_ids: associations.contacts",
                        fields("associations.contacts", List.of("501", "502")), List.of("501", "502")),
                arguments("first association id", "opportunity", "account_source_id: {from: associations.companies, transform: [first]}",
                        fields("associations.companies", List.of("9001", "9002")), "9001"),
                arguments("nested association map", "opportunity", "account_source_id: {from: associations.companies, transform: [first]}",
                        fields("associations", Map.of("companies", List.of("9003"))), "9003"),
                arguments("missing optional field", "opportunity", "stage: StageName", fields(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void mapsAColumn(String feature, String target, String column, Map<String, Object> fields, Object expected) throws IOException {
        MappingSet set = load("salesforce", "Thing", target, "columns:\n  " + column + "\n");

        MappingResult result = set.map(List.of(record("salesforce", "Thing", fields)));

        assertThat(result.errors()).isEmpty();
        assertThat(result.rows()).singleElement().satisfies(row -> assertThat(row.columns().values()).containsExactly(expected));
    }

    static Stream<Arguments> failingColumns() {
        return Stream.of(
                arguments("unparseable date", "opportunity", "close_date: CloseDate", fields("CloseDate", "31/03/2026"),
                        "CloseDate -> close_date", "opportunity.close_date (%s): not a date: '31/03/2026'"),
                arguments("required value missing", "opportunity", "name: {from: Name, required: true}", fields("Name", " "),
                        "Name -> name", "opportunity.name (%s): required, but the record has no value"),
                arguments("unmatched map value without default", "lead",
                        "sales_motion: {from: Sales_Motion__c, map: {Link Share: link_share}}", fields("Sales_Motion__c", "Cold Call"),
                        "Sales_Motion__c -> sales_motion", "lead.sales_motion (%s): no map entry for value (and no default) in: 'Cold Call'"),
                arguments("value outside the column's check constraint", "activity", "owner_functions: Owner_Functions__c",
                        fields("Owner_Functions__c", "AE;Sales"), "Owner_Functions__c -> owner_functions",
                        "activity.owner_functions (%s): not one of AE, CSM, PartnerAE, SE: 'AE;Sales'"),
                arguments("number too large for numeric(9,6)", "opportunity", "discount: {from: Discount__c, type: percent}",
                        fields("Discount__c", 150000), "Discount__c -> discount",
                        "opportunity.discount (%s): too large for numeric(9,6): '150000'"),
                arguments("first non-blank names every candidate field", "lead", "company_domain: {from: [Website, Email], transform: [domain]}",
                        fields("Website", "n/a"), "Website|Email -> company_domain", "lead.company_domain (%s): no domain in: 'n/a'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingColumns")
    void aFailingFieldIsARecordErrorAndNoRow(String feature, String target, String column, Map<String, Object> fields,
                                             String field, String message) throws IOException {
        MappingSet set = load("salesforce", "Thing", target, "columns:\n  " + column + "\n");

        MappingResult result = set.map(List.of(record("salesforce", "Thing", fields)));

        assertThat(result.rows()).isEmpty();
        assertThat(result.errors()).singleElement().isEqualTo(new RecordError("salesforce", "Thing", "R1", field,
                message.formatted(dir.resolve(target + ".yml")), "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void whenSelectsWhichRecordsBecomeRows(String when, Object type, boolean matches) throws IOException {
        MappingSet set = load("hubspot", "companies", "account", "when: " + when + "\ncolumns:\n  name: name\n");

        assertThat(set.map(List.of(record("hubspot", "companies", fields("type", type, "name", "Acme")))).rows())
                .hasSize(matches ? 1 : 0);
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                arguments("{field: type, equals: PARTNER}", "PARTNER", true),
                arguments("{field: type, equals: PARTNER}", "partner", false),
                arguments("{field: type, equals: PARTNER}", null, false),
                arguments("{field: type, in: [PARTNER, RESELLER]}", "RESELLER", true),
                arguments("{field: type, in: [PARTNER, RESELLER]}", "PROSPECT", false),
                arguments("{field: type, equals: true}", true, true));
    }

    @Test
    void writebackIsAnOrderedMapAndItsFieldsAreRequestedWithTheMappedOnes() throws IOException {
        Files.writeString(dir.resolve("account.yml"), """
                source: salesforce
                object: Account
                target: account
                columns:
                  name: Name
                  domain: {from: [Website, Email], transform: [domain]}
                writeback:
                  partner_type: Partner_Type__c
                  domain: Domain__c
                  name: Name
                """);
        Files.writeString(dir.resolve("partner.yml"), """
                source: salesforce
                object: Account
                target: partner
                when: {field: Type, equals: Partner}
                columns:
                  partner_id: {from: [Partner_Id__c, Id], required: true}
                  name: {concat: [Name, Parent.Name]}
                """);

        MappingSet set = MappingSet.load(dir, CATALOG);

        assertThat(set.mappings("salesforce", "Account").get(0).writeback())
                .containsExactly(Map.entry("partner_type", "Partner_Type__c"), Map.entry("domain", "Domain__c"),
                        Map.entry("name", "Name"));
        assertThat(set.mappings("salesforce", "Account").get(1).writeback()).isEmpty();
        assertThat(set.sourceFields("salesforce", "Account")).containsExactly("Name", "Website", "Email",
                "Partner_Type__c", "Domain__c", "Type", "Partner_Id__c", "Id", "Parent.Name");
        assertThat(set.sourceFields("salesforce", "Opportunity")).isEmpty();
    }

    @Test
    void writebackKeysAreCheckedAgainstTheWritebackViewWhenItExists() throws IOException {
        // V7 creates writeback_values_opportunity: attribution values are writable, plain table columns are not
        Files.writeString(dir.resolve("opportunity.yml"), """
                source: salesforce
                object: Opportunity
                target: opportunity
                columns:
                  name: Name
                writeback:
                  attribution_source: Attribution_Source__c
                  stage: StageName
                """);
        ModelCatalog withView = new JdbcModelCatalog(TestDatabase.dataSource());

        assertThat(catchThrowableOfType(MappingException.class, () -> MappingSet.load(dir, withView)).problems())
                .containsExactly(dir.resolve("opportunity.yml") + ":8: writeback.stage: unknown column of view "
                        + "writeback_values_opportunity");
    }
}
