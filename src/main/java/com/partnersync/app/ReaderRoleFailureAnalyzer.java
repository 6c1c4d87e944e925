package com.partnersync.app;

import com.partnersync.warehouse.ReaderRoleCallback.ReaderRoleMissingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up stopped because the reader role is missing and may not be created: one line with the statement to run. */
public class ReaderRoleFailureAnalyzer extends AbstractFailureAnalyzer<ReaderRoleMissingException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ReaderRoleMissingException cause) {
        return new FailureAnalysis(cause.getMessage(), "Start the connector again once the role exists (README: Privileges).",
                cause);
    }
}
