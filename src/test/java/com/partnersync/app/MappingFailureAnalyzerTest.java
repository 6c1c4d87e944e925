package com.partnersync.app;

import com.partnersync.mapping.MappingException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad mapping file at start-up: the problems and one action, instead of a bean-creation stack trace. */
class MappingFailureAnalyzerTest {
    @Test
    void explainsBadMappingsFoundWhileCreatingTheMappingSetBean() {
        MappingException problems = new MappingException(List.of(
                "mappings/hubspot/deals.yml:12: columns.is_closd: unknown column of table opportunity"));

        FailureAnalysis analysis = new MappingFailureAnalyzer().analyze(
                new BeanCreationException("mappingSet", "Factory method 'mappingSet' threw exception", problems));

        assertThat(analysis.getDescription()).isEqualTo("The mapping files do not fit the partner model. 1 mapping problem:\n"
                + "  mappings/hubspot/deals.yml:12: columns.is_closd: unknown column of table opportunity");
        assertThat(analysis.getAction()).contains("validate-mappings").doesNotContain("\n");
    }

    @Test
    void isRegisteredWithSpringBootBesideTheOtherAnalyzers() throws IOException {
        List<String> registered = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION))) {
            registered.add(PropertiesLoaderUtils.loadProperties(new UrlResource(url)).getProperty(FailureAnalyzer.class.getName(), ""));
        }
        assertThat(registered).anyMatch(names -> names.contains(MappingFailureAnalyzer.class.getName())
                && names.contains(ReaderRoleFailureAnalyzer.class.getName()));
    }

    @Test
    void leavesOtherFailuresToSpringBoot() {
        assertThat(new MappingFailureAnalyzer().analyze(new IllegalStateException("port in use"))).isNull();
    }
}
