package com.partnersync.mapping;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The validate-mappings command's report. */
class ValidateMappingsTest {
    private static final ModelCatalog CATALOG = new JdbcModelCatalog(TestDatabase.dataSource());

    @Test
    void theShippedMappingsAreReportedOkWithWhatEachObjectFeeds() {
        ValidateMappings.Report report = new ValidateMappings(Path.of("mappings"), CATALOG).run();

        assertThat(report.ok()).isTrue();
        assertThat(report.text()).startsWith("mappings OK: 14 files in mappings\n  hubspot calls -> activity\n")
                .contains("\n  salesforce Account -> account, partner\n");
    }

    @Test
    void problemsAreListedAndTheReportIsNotOk() {
        Path dir = Path.of("src/test/resources/com/partnersync/mapping/invalid/many-problems");

        ValidateMappings.Report report = new ValidateMappings(dir, CATALOG).run();

        assertThat(report.ok()).isFalse();
        assertThat(report.text()).startsWith("mappings in " + dir + ": 3 mapping problems:\n  " + dir
                + "/salesforce/account.yml:5: columns.nmae: unknown column of table account\n");
    }
}
