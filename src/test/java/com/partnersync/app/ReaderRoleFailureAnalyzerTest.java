package com.partnersync.app;

import com.partnersync.warehouse.ReaderRoleCallback.ReaderRoleMissingException;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/** A migrating user that may not create the reader role: start-up ends with the one statement an administrator runs. */
class ReaderRoleFailureAnalyzerTest {
    @Test
    void printsTheStatementFromInsideFlywaysWrapping() {
        ReaderRoleMissingException missing = new ReaderRoleMissingException("The database user 'ps' may not create roles "
                + "and role partner_sync_reader does not exist: an administrator must run once, in this PostgreSQL server: "
                + "CREATE ROLE partner_sync_reader NOLOGIN;");
        FailureAnalysis analysis = new ReaderRoleFailureAnalyzer().analyze(new BeanCreationException("flywayInitializer",
                "Invocation of init method failed", new FlywayException("Error while executing beforeMigrate callback", missing)));

        assertThat(analysis.getDescription()).isEqualTo(missing.getMessage()).doesNotContain("\n");
    }
}
