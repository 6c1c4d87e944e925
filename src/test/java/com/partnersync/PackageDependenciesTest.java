package com.partnersync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * How the production packages may depend on each other: connectors never on the sandbox that simulates them, nothing
 * on the top-level wiring ({@code app}), and no cycles between capabilities.
 */
class PackageDependenciesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.partnersync");

    @Test
    void connectorsDoNotImportTheSandbox() {
        noClasses().that().resideInAnyPackage("com.partnersync.salesforce..", "com.partnersync.hubspot..",
                        "com.partnersync.writeback..", "com.partnersync.sync..", "com.partnersync.warehouse..",
                        "com.partnersync.mapping..", "com.partnersync.dedup..", "com.partnersync.rules..")
                .should().dependOnClassesThat().resideInAPackage("com.partnersync.sandbox..")
                .check(MAIN);
    }

    @Test
    void onlyTheTopLevelWiringDependsOnApp() {
        noClasses().that().resideOutsideOfPackages("com.partnersync.app..", "com.partnersync")
                .should().dependOnClassesThat().resideInAPackage("com.partnersync.app..")
                .check(MAIN);
    }

    @Test
    void simulatorsStateTheApiFactsThemselvesInsteadOfImportingTheConnectors() {
        noClasses().that().resideInAPackage("com.partnersync.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("com.partnersync.salesforce..",
                        "com.partnersync.hubspot..", "com.partnersync.writeback..")
                .check(MAIN);
    }

    @Test
    void capabilityPackagesHaveNoCycles() {
        slices().matching("com.partnersync.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
