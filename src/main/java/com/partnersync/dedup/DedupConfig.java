package com.partnersync.dedup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** LeadDedup is plain Java (tests build it on their own); Spring hands it the DataSource and partner-sync.dedup.*. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DedupProperties.class)
public class DedupConfig {
    @Bean
    LeadDedup leadDedup(DataSource dataSource, DedupProperties properties) {
        return new LeadDedup(dataSource, properties);
    }
}
