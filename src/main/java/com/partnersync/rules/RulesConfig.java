package com.partnersync.rules;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/** The rules are plain Java (tests build them with a pinned Clock); Spring hands them the DataSource and configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RulesProperties.class)
public class RulesConfig {
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RulesService rulesService(DataSource dataSource, RulesProperties properties, Clock clock) {
        return new RulesService(dataSource, properties.resolver(), properties.paidChannels(), clock);
    }
}
