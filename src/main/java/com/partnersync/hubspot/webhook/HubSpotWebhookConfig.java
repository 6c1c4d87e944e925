package com.partnersync.hubspot.webhook;

import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.mapping.MappingSet;
import com.partnersync.warehouse.WarehouseWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** HubSpot webhooks ({@link HubSpotWebhookController}, served by the web server only long-running mode starts). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class HubSpotWebhookConfig {
    @Bean
    WebhookChanges hubSpotWebhookChanges(HubSpotClient client, MappingSet mappings, WarehouseWriter writer) {
        return new WebhookChanges(client, mappings, writer);
    }
}
