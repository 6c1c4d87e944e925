package com.partnersync.app;

import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.ModelCatalog;
import com.partnersync.mapping.ValidateMappings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The mapping files, validated against the migrated model at start-up: a bad file stops the application with its
 * file:line problems (see {@link MappingFailureAnalyzer}) before any CRM is read.
 */
@Configuration(proxyBeanMethods = false)
public class MappingConfig {
    /** Reads the schema, so it must come after Flyway has migrated it. */
    @Bean
    @DependsOnDatabaseInitialization
    ModelCatalog modelCatalog(DataSource dataSource) {
        return new JdbcModelCatalog(dataSource);
    }

    @Bean
    MappingSet mappingSet(@Value("${partner-sync.mappings-dir:mappings}") Path dir, ModelCatalog catalog) {
        return MappingSet.load(dir, catalog);
    }

    @Bean
    ValidateMappings validateMappings(@Value("${partner-sync.mappings-dir:mappings}") Path dir, ModelCatalog catalog) {
        return new ValidateMappings(dir, catalog);
    }
}
