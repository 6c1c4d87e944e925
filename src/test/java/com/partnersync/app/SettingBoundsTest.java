package com.partnersync.app;

import com.partnersync.mapping.MappingProperties;
import com.partnersync.writeback.WritebackProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every numeric setting has bounds: a value outside them stops start-up with one line naming the key, the value as
 * written and the allowed range; the defaults themselves are inside.
 */
class SettingBoundsTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MappingProperties.class, EmbeddedDatabaseProperties.class, WritebackProperties.class})
    static class AllSettings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(AllSettings.class);

    @Test
    void theDefaultsAreWithinTheirBounds() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "partner-sync.embedded-db.port                | -1    | 0..65535",
            "partner-sync.embedded-db.port                | 70000 | 0..65535",
            "partner-sync.writeback.salesforce-batch-size | 0     | 1..200",
            "partner-sync.writeback.salesforce-batch-size | 201   | 1..200",
            "partner-sync.writeback.hubspot-batch-size    | 101   | 1..100",
            "partner-sync.writeback.max-attempts          | 0     | 1..20",
            "partner-sync.writeback.initial-backoff       | 0s    | 1ms..1h",
            "partner-sync.writeback.max-backoff           | -5s   | 1ms..1d",
            "partner-sync.writeback.max-retry-wait        | 2h    | 0s..1h",
            "partner-sync.writeback.sample-size           | -5    | 1..100",
    })
    void aValueOutsideItsBoundsStopsStartUpWithOneLine(String key, String value, String allowed) {
        runner.withPropertyValues(key + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new SettingBoundsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("analysed").isNotNull();
            assertThat(analysis.getDescription()).doesNotContain("\n")
                    .startsWith("Invalid setting " + key + "=" + value + ": allowed " + allowed + " (set in ");
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "partner-sync.embedded-db.port                | 0",
            "partner-sync.embedded-db.port                | 65535",
            "partner-sync.writeback.salesforce-batch-size | 1",
            "partner-sync.writeback.salesforce-batch-size | 200",
            "partner-sync.writeback.max-retry-wait        | 0s",
    })
    void theBoundsThemselvesAreAllowed(String key, String value) {
        runner.withPropertyValues(key + "=" + value).run(context -> assertThat(context).hasNotFailed());
    }
}
