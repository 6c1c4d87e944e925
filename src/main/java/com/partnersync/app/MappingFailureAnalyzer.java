package com.partnersync.app;

import com.partnersync.mapping.MappingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up stopped by bad mapping files: print the file:line problems and what to do, not a stack trace. */
public class MappingFailureAnalyzer extends AbstractFailureAnalyzer<MappingException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MappingException cause) {
        return new FailureAnalysis("The mapping files do not fit the partner model. " + cause.getMessage(),
                "Fix the files and lines listed above (format: mappings/README.md), then check them with "
                        + "'java -jar target/partner-sync.jar validate-mappings'.", cause);
    }
}
