package com.partnersync.writeback;

import com.partnersync.sync.SourceSystemSync;
import com.partnersync.hubspot.HubSpotApi;
import com.partnersync.mapping.MappingSet;
import com.partnersync.salesforce.SalesforceApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Write-back for every CRM whose source is configured, through that source's session so both share one API budget;
 * targets come from the mapping files' writeback: sections.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WritebackProperties.class)
public class WritebackConfig {
    @Bean
    WritebackService writebackService(DataSource dataSource, MappingSet mappingSet, WritebackProperties properties,
                                      ObjectProvider<SourceSystemSync> sources, ObjectProvider<SalesforceApi> salesforce,
                                      ObjectProvider<HubSpotApi> hubspot) {
        List<String> configured = sources.orderedStream().filter(SourceSystemSync::configured).map(SourceSystemSync::sourceSystem).toList();
        List<CrmWriter> writers = new ArrayList<>();
        SalesforceApi salesforceApi = salesforce.getIfAvailable();
        if (salesforceApi != null && configured.contains("salesforce")) {
            writers.add(new SalesforceWriter(salesforceApi, properties.salesforceBatchSize()));
        }
        HubSpotApi hubspotApi = hubspot.getIfAvailable();
        if (hubspotApi != null && configured.contains("hubspot")) {
            writers.add(new HubSpotWriter(hubspotApi, properties.hubspotBatchSize()));
        }
        return new WritebackService(dataSource, WritebackMappings.from(mappingSet, properties), writers, properties);
    }
}
