package com.partnersync.app;

import com.partnersync.ops.ScheduleProperties;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.hubspot.webhook.WebhookProperties;
import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** HubSpot's one-minute search between cycles runs exactly when no webhooks can tell of changes. */
class HubSpotSearchRouteTest {
    @ParameterizedTest(name = "long-running {0}, token {1}, webhook secret {2}, interval {3}: searches {4}")
    @CsvSource({
            "true,  true,  false, 60s, true",
            "true,  true,  true,  60s, false",
            "false, true,  false, 60s, false",
            "true,  false, false, 60s, false",
            "true,  true,  false, 0s,  false"})
    void searchesBetweenCyclesOnlyInLongRunningModeWithoutWebhooks(boolean longRunning, boolean token, boolean secret,
                                                                   String interval, boolean searches) {
        HubSpotProperties hubspot = token ? TestSettings.bind(HubSpotProperties.class, "access-token", "pat-na1-test")
                : TestSettings.defaults(HubSpotProperties.class);
        WebhookProperties webhooks = secret ? TestSettings.bind(WebhookProperties.class, "client-secret", "app-client-secret")
                : TestSettings.defaults(WebhookProperties.class);
        StreamProperties stream = TestSettings.bind(StreamProperties.class, "hubspot-search-interval", interval);

        HubSpotSearchRoute route = new HubSpotSearchRoute(hubspot, webhooks, stream,
                TestSettings.bind(ScheduleProperties.class, "enabled", longRunning));

        assertThat(route.active()).isEqualTo(searches);
    }
}
