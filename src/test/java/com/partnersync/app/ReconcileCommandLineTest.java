package com.partnersync.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code reconcile [--object NAME]} on the command line; Spring properties stay Spring's. */
class ReconcileCommandLineTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "reconcile                                          | -",
            "reconcile --object Account                         | Account",
            "reconcile --object deals --partner-sync.x=1        | deals",
            "reconcile --partner-sync.x=1 --object Deal_Registration__c | Deal_Registration__c"})
    void parsesTheObjectToReconcile(String line, String object) {
        Command command = Command.parse(line.split(" "));

        assertThat(command.name()).isEqualTo("reconcile");
        assertThat(command.has("--object") ? command.arguments().get(0) : null).isEqualTo(object);
        assertThat(command.runsForever()).isFalse();
    }

    @Test
    void anObjectFlagWithoutANameIsRefused() {
        assertThatThrownBy(() -> Command.parse("reconcile", "--object")).hasMessageStartingWith("--object needs a CRM object name");
        assertThatThrownBy(() -> Command.parse("reconcile", "--full")).hasMessageStartingWith("unknown option '--full' for reconcile");
    }
}
