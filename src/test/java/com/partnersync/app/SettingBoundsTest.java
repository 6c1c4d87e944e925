package com.partnersync.app;

import com.partnersync.dedup.DedupProperties;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.hubspot.webhook.WebhookProperties;
import com.partnersync.mapping.MappingProperties;
import com.partnersync.ops.LeadershipProperties;
import com.partnersync.ops.ScheduleProperties;
import com.partnersync.ops.ShutdownProperties;
import com.partnersync.rules.RulesProperties;
import com.partnersync.salesforce.SalesforceProperties;
import com.partnersync.salesforce.cdc.CdcProperties;
import com.partnersync.sandbox.SandboxProperties;
import com.partnersync.writeback.WritebackProperties;
import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every numeric setting has bounds: a value outside them stops start-up with one line naming the key, the value as
 * written and the allowed range; the defaults themselves are inside.
 */
class SettingBoundsTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MappingProperties.class, EmbeddedDatabaseProperties.class, WritebackProperties.class,
            RulesProperties.class, SandboxProperties.class, HubSpotProperties.class, DedupProperties.class,
            SalesforceProperties.class, CdcProperties.class, WebhookProperties.class, StreamProperties.class,
            ScheduleProperties.class, LeadershipProperties.class, ShutdownProperties.class})
    static class AllSettings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(AllSettings.class);

    /** Nested prefixes (salesforce.cdc, hubspot.webhook) before their parents'. */
    private static final List<Class<?>> SETTINGS = List.of(MappingProperties.class, EmbeddedDatabaseProperties.class,
            WritebackProperties.class, RulesProperties.class, SandboxProperties.class, WebhookProperties.class,
            HubSpotProperties.class, DedupProperties.class, CdcProperties.class, SalesforceProperties.class,
            StreamProperties.class, ScheduleProperties.class, LeadershipProperties.class, ShutdownProperties.class);

    @Test
    void theDefaultsAreWithinTheirBounds() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void startUpStopsWithOneLineNamingTheKeyTheValueAndTheRange() {
        runner.withPropertyValues("partner-sync.salesforce.batch-size=-5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new SettingBoundsFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .isEqualTo("Invalid setting partner-sync.salesforce.batch-size=-5: allowed 200..2000 (set in "
                            + "\"partner-sync.salesforce.batch-size\" from property source \"test\")");
        });
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
            "partner-sync.rules.daily-period              | 0s    | 100ms..7d",
            "partner-sync.rules.defaults.validity-days    | 0     | 1..3650",
            "partner-sync.rules.defaults.gold-share       | 1.5   | 0..1",
            "partner-sync.rules.programs.reseller.meeting-gap-days | -5 | 1..365",
            "partner-sync.rules.programs.reseller.bracket1-limit   | -1 | at least 0",
            "partner-sync.sandbox.scale                   | -1    | 0..1000",
            "partner-sync.sandbox.port                    | 65536 | 0..65535",
            "partner-sync.sandbox.salesforce-fault-every  | -7    | 0..1000",
            "partner-sync.hubspot.requests-per-interval   | 0     | 1..100000",
            "partner-sync.hubspot.interval                | 0s    | 100ms..10m",
            "partner-sync.hubspot.searches-per-second     | -5    | 1..1000",
            "partner-sync.hubspot.daily-reserve           | -1    | 0..100000000",
            "partner-sync.hubspot.max-attempts            | 0     | 1..20",
            "partner-sync.hubspot.locked-wait             | 2m    | 0s..1m",
            "partner-sync.hubspot.request-timeout         | 0s    | 1s..10m",
            "partner-sync.hubspot.list-page-size          | 101   | 1..100",
            "partner-sync.hubspot.search-page-size        | 201   | 1..200",
            "partner-sync.hubspot.association-batch-size  | 1001  | 1..1000",
            "partner-sync.dedup.threshold                 | 1.5   | 0.0..1.0",
            "partner-sync.dedup.review-threshold          | -0.1  | 0.0..1.0",
            "partner-sync.dedup.max-block-size            | 1     | 2..100000",
            "partner-sync.dedup.max-people-per-identifier | 0     | 1..1000",
            "partner-sync.salesforce.batch-size           | -5    | 200..2000",
            "partner-sync.salesforce.max-api-share        | 1.5   | 0.01..1.0",
            "partner-sync.salesforce.bulk-threshold       | -1    | at least 0",
            "partner-sync.salesforce.max-attempts         | 0     | 1..20",
            "partner-sync.salesforce.look-back            | -1s   | 0s..1d",
            "partner-sync.salesforce.request-timeout      | 0s    | 1s..30m",
            "partner-sync.salesforce.initial-backoff      | 2m    | 1ms..1m",
            "partner-sync.salesforce.bulk-poll-interval   | 0s    | 1ms..5m",
            "partner-sync.salesforce.cdc.window           | 0s    | 1ms..5m",
            "partner-sync.salesforce.cdc.max-ids          | 201   | 1..200",
            "partner-sync.salesforce.cdc.poll-above       | -1    | at least 0",
            "partner-sync.salesforce.cdc.queue-capacity   | 0     | 1..1000000",
            "partner-sync.salesforce.cdc.fetch-size       | 101   | 1..100",
            "partner-sync.salesforce.cdc.retention        | 4d    | 1m..3d",
            "partner-sync.salesforce.cdc.pub-sub-port     | 65536 | 0..65535",
            "partner-sync.hubspot.webhook.max-age         | 0s    | 1s..1h",
            "partner-sync.hubspot.webhook.queue-capacity  | 0     | 1..1000000",
            "partner-sync.stream.debounce                 | 0s    | 1ms..10m",
            "partner-sync.stream.hubspot-search-interval  | -1s   | 0s..1d",
            "partner-sync.hubspot.webhook.window          | 0s    | 1ms..1m",
            "partner-sync.schedule.reconcile-interval     | 30s   | 1m..366d",
            "partner-sync.schedule.reconcile-interval     | 400d  | 1m..366d",
            "partner-sync.leadership.takeover-timeout     | 2s    | 3s..1h",
            "partner-sync.leadership.takeover-timeout     | 2h    | 3s..1h",
            "partner-sync.shutdown.wait                   | -1s   | 0s..10m",
            "partner-sync.shutdown.wait                   | 11m   | 0s..10m",
    })
    void aValueOutsideItsBoundsIsRefusedWithOneLine(String key, String value, String allowed) {
        assertThatThrownBy(() -> bind(key, value)).satisfies(failure -> {
            FailureAnalysis analysis = new SettingBoundsFailureAnalyzer().analyze(failure);
            assertThat(analysis).as("analysed").isNotNull();
            assertThat(analysis.getDescription()).doesNotContain("\n")
                    .startsWith("Invalid setting " + key + "=" + value + ": allowed " + allowed);
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "partner-sync.embedded-db.port                | 0",
            "partner-sync.embedded-db.port                | 65535",
            "partner-sync.writeback.salesforce-batch-size | 1",
            "partner-sync.writeback.salesforce-batch-size | 200",
            "partner-sync.writeback.max-retry-wait        | 0s",
            "partner-sync.rules.programs.reseller.protection-days | 0",
            "partner-sync.schedule.reconcile-interval     | 1m",
            "partner-sync.leadership.takeover-timeout     | 3s",
            "partner-sync.leadership.takeover-timeout     | 1h",
            "partner-sync.shutdown.wait                   | 0s",
            "partner-sync.shutdown.wait                   | 10m",
    })
    void theBoundsThemselvesAreAllowed(String key, String value) {
        assertThat(bind(key, value)).isNotNull();
    }

    /** Binds the one settings record the key belongs to, as start-up does (same binder, same validation). */
    private static Object bind(String key, String value) {
        for (Class<?> type : SETTINGS) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value() + ".";
            if (key.startsWith(prefix) && (type != MappingProperties.class)) {
                return TestSettings.bind(type, Map.of(key.substring(prefix.length()), value));
            }
        }
        throw new IllegalArgumentException("no settings record for " + key);
    }

    @Test
    void secretsShowAsAMaskInToString() {
        HubSpotProperties hubspot = TestSettings.bind(HubSpotProperties.class, "access-token", "pat-na1-very-secret");
        assertThat(hubspot.toString()).doesNotContain("pat-na1-very-secret").contains("accessToken=******");
        assertThat(hubspot.accessToken().reveal()).isEqualTo("pat-na1-very-secret");
    }

    @Test
    void salesforceAndWebhookSecretsShowAsAMaskInToString() {
        SalesforceProperties salesforce = TestSettings.bind(SalesforceProperties.class, "client-id", "3MVG9-app",
                "client-secret", "very-secret-1", "username", "integration@example.com", "password", "very-secret-2",
                "refresh-token", "very-secret-3", "jwt-keystore-password", "very-secret-4");
        assertThat(salesforce.toString()).doesNotContain("very-secret").contains("clientSecret=******")
                .contains("password=******").contains("refreshToken=******").contains("jwtKeystorePassword=******");
        assertThat(salesforce.password().reveal()).isEqualTo("very-secret-2");
        WebhookProperties webhook = TestSettings.bind(WebhookProperties.class, "client-secret", "very-secret-5");
        assertThat(webhook.toString()).doesNotContain("very-secret").contains("clientSecret=******");
    }

    @Test
    void salesforceEnvironmentVariablesLeftUnsetKeepTheDefaults() {
        // application.yml maps SALESFORCE_* onto the keys as ${SALESFORCE_LOGIN_URL:}: unset arrives as an empty string
        SalesforceProperties salesforce = TestSettings.bind(SalesforceProperties.class, "login-url", "", "client-id", "",
                "client-secret", "", "username", "", "password", "", "refresh-token", "", "jwt-keystore", "",
                "jwt-keystore-password", "");
        assertThat(salesforce.loginUrl()).isEqualTo(SalesforceProperties.DEFAULT_LOGIN_URL);
        assertThat(salesforce.configured()).isFalse();
        assertThat(TestSettings.bind(WebhookProperties.class, "client-secret", "", "public-url", "").configured()).isFalse();
    }

    @Test
    void environmentVariablesLeftUnsetKeepTheDefaults() {
        // application.yml maps HUBSPOT_* onto the keys as ${HUBSPOT_BASE_URL:}: unset arrives as an empty string
        HubSpotProperties hubspot = TestSettings.bind(HubSpotProperties.class, "base-url", "", "access-token", "");
        assertThat(hubspot.baseUrl()).isEqualTo(HubSpotProperties.DEFAULT_BASE_URL);
        assertThat(hubspot.configured()).isFalse();
    }
}
