package com.partnersync.app;

import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingProperties;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.ModelCatalog;
import com.partnersync.mapping.ValidateMappings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The mapping files, validated against the migrated model at start-up: a bad file stops the application with its
 * file:line problems (see {@link MappingFailureAnalyzer}) before any CRM is read.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MappingProperties.class)
public class MappingConfig {
    /** Reads the schema, so it must come after Flyway has migrated it. */
    @Bean
    @DependsOnDatabaseInitialization
    ModelCatalog modelCatalog(DataSource dataSource) {
        return new JdbcModelCatalog(dataSource);
    }

    @Bean
    MappingSet mappingSet(MappingProperties properties, ModelCatalog catalog) {
        return MappingSet.load(properties.mappingsDir(), catalog);
    }

    @Bean
    ValidateMappings validateMappings(MappingProperties properties, ModelCatalog catalog) {
        return new ValidateMappings(properties.mappingsDir(), catalog);
    }
}
