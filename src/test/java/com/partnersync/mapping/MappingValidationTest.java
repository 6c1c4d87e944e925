package com.partnersync.mapping;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Start-up validation of mapping files against the migrated model: one fixture directory per kind of mistake,
 * each problem pointing at file, line and key.
 */
class MappingValidationTest {
    private static final Path FIXTURES = Path.of("src/test/resources/com/partnersync/mapping/invalid");
    private static final ModelCatalog CATALOG = new JdbcModelCatalog(TestDatabase.dataSource());

    private static MappingException load(String fixture) {
        return catchThrowableOfType(MappingException.class, () -> MappingSet.load(FIXTURES.resolve(fixture), CATALOG));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-yaml           | 7 | yaml                              | malformed YAML: expected ',' or '}', but got <scalar>
            unknown-source           | 1 | source                            | unknown source 'pipedrive' (salesforce or hubspot)
            missing-source           | 1 | source                            | missing (salesforce or hubspot)
            missing-object           | 2 | object                            | missing (the CRM object API name)
            missing-target           | 1 | target                            | missing (the model table to fill)
            missing-columns          | 1 | columns                           | missing (model column: CRM field, ...)
            bad-object-name          | 2 | object                            | not a CRM object name: 'Opportunity; DROP TABLE'
            bad-target-name          | 3 | target                            | not a model table name: 'Opportunity'
            unknown-target           | 3 | target                            | unknown target table 'opportunities' (not a synced model table)
            operational-target       | 3 | target                            | unknown target table 'sync_error' (not a synced model table)
            unknown-top-key          | 4 | filter                            | unknown key (expected one of source, object, target, when, columns, writeback)
            unknown-column           | 6 | columns.amont                     | unknown column of table opportunity
            lineage-column           | 6 | columns.source_id                 | lineage column, filled by the sync itself
            bad-field-path           | 6 | columns.stage.from                | not a CRM field name or dotted path: 'Account..Name'
            unknown-column-key       | 6 | columns.source.defualt            | unknown key (expected one of from, concat, value, type, transform, map, default, required, separator)
            unknown-type             | 6 | columns.amount.type               | unknown type 'money' (string, integer, decimal, percent, boolean, date, datetime, list)
            type-does-not-fit        | 6 | columns.amount.type               | type boolean does not fit column amount (numeric(18,2))
            unknown-transform        | 6 | columns.stage.transform           | unknown transform 'titlecase' (trim, lower, upper, domain, first)
            map-value-not-allowed    | 8 | columns.source.map.Organic        | not one of direct, marketplace, paid, partner: 'organic'
            map-value-wrong-type     | 6 | columns.is_won.map.Closed Lost    | not a boolean (true/false, Y/N, yes/no, 1/0): 'nope'
            bad-default              | 6 | columns.close_date.default        | not a date: 'tomorrow'
            constant-not-allowed     | 5 | columns.activity_type.value       | not one of call, email, meeting, note, other, task: 'webinar'
            two-reads                | 6 | columns.stage                     | needs exactly one of from, concat or value
            required-not-boolean     | 6 | columns.stage.required            | expected true or false, not 'always'
            duplicate-key            | 7 | columns.stage                     | duplicate key
            bad-when                 | 4 | when                              | expected {field: <CRM field>, equals: <value>} or {field: ..., in: [values]}
            not-null-unmapped        | 4 | columns                           | missing partner_id (NOT NULL in table partner)
            not-null-optional        | 5 | columns.partner_id                | NOT NULL in table partner: add required: true, a default, or a value
            writeback-unknown-column | 7 | writeback.tier                    | unknown column of view writeback_values_opportunity
            writeback-bad-crm-field  | 7 | writeback.attribution_source      | not a CRM field name: 'Stage Name'
            """)
    void reportsTheProblemWithFileLineAndKey(String fixture, int line, String key, String what) {
        MappingException e = load(fixture);

        Path file = FIXTURES.resolve(fixture).resolve("salesforce/opportunity.yml");
        assertThat(e.problems()).containsExactly(file + ":" + line + ": " + key + ": " + what);
        assertThat(e.getMessage()).contains(e.problems().get(0));
    }

    @Test
    void collectsEveryProblemOfEveryFileInsteadOfStoppingAtTheFirst() {
        MappingException e = load("many-problems");

        Path dir = FIXTURES.resolve("many-problems/salesforce");
        assertThat(e.problems()).containsExactly(
                dir.resolve("account.yml") + ":5: columns.nmae: unknown column of table account",
                dir.resolve("account.yml") + ":6: columns.employee_count.type: unknown type 'integr' "
                        + "(string, integer, decimal, percent, boolean, date, datetime, list)",
                dir.resolve("opportunity.yml") + ":6: columns.amount.transform: unknown transform 'reverse' "
                        + "(trim, lower, upper, domain, first)");
        assertThat(e.getMessage()).startsWith("3 mapping problems:\n  " + dir.resolve("account.yml") + ":5:");
    }

    @Test
    void aMissingDirectoryIsAProblemNotAnEmptyMappingSet() {
        assertThat(load("no-such-dir").problems()).containsExactly(FIXTURES.resolve("no-such-dir") + ": mappings directory not found");
    }

    @Test
    void aSourceThatContradictsItsFolderIsAProblem() {
        assertThat(load("source-in-wrong-folder").problems()).containsExactly(FIXTURES.resolve("source-in-wrong-folder")
                .resolve("hubspot/deals.yml") + ":1: source: source salesforce in the hubspot/ folder");
    }

    @Test
    void twoFilesFillingTheSameTableFromTheSameObjectAreAProblem() {
        Path dir = FIXTURES.resolve("same-object-and-target/salesforce");

        assertThat(load("same-object-and-target").problems()).containsExactly(dir.resolve("opportunity.yml")
                + ":4: target: salesforce Opportunity -> opportunity is already mapped by " + dir.resolve("opportunity-copy.yml"));
    }
}
