package com.partnersync.hubspot;

import com.partnersync.mapping.MappingSet;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.ops.LoadProgress;
import com.partnersync.ops.LoginGuard;
import com.partnersync.ops.SyncMetrics;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.Reconciliation;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HubSpot session ({@link HubSpotApi}, shared with write-back), the per-object routes and the source. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubSpotProperties.class)
public class HubSpotConfig {
    @Bean
    HubSpotClient hubSpotClient(HubSpotProperties properties, SyncMetrics metrics, LoginGuard guard,
                                  LoadProgress progress) {
        return new HubSpotClient(properties, new CrmMonitor(HubSpotRecords.SOURCE, metrics, guard, progress));
    }

    @Bean
    HubSpotObjectSync hubSpotObjectSync(HubSpotClient client, HubSpotProperties properties, WarehouseWriter writer,
                                        CheckpointStore checkpoints, DataSource dataSource, MappingSet mappings) {
        return objectSync(client, properties, writer, checkpoints, new ListCursorStore(dataSource), mappings, Clock.systemUTC());
    }

    @Bean
    HubSpotRoutes hubSpotRoutes(HubSpotObjectSync objectSync, MappingSet mappings) {
        return new HubSpotRoutes(objectSync, sourceFieldsByObject(mappings));
    }

    @Bean
    HubSpotReconciler hubSpotReconciler(HubSpotObjectSync objectSync, MappingSet mappings, Reconciliation reconciliation,
                                        HubSpotProperties properties) {
        return new HubSpotReconciler(objectSync, mappings, reconciliation, properties, Clock.systemUTC());
    }

    @Bean
    HubSpotSync hubSpotSync(ProducerTemplate producer, MappingSet mappings, HubSpotProperties properties) {
        return new HubSpotSync(producer, mappings.objects(HubSpotRecords.SOURCE),
                properties.configured());
    }

    /** The steps of the HubSpot routes, wired in plain Java (tests and the benchmark use this too). */
    public static HubSpotObjectSync objectSync(HubSpotClient client, HubSpotProperties properties, WarehouseWriter writer,
                                               CheckpointStore checkpoints, ListCursorStore cursors, MappingSet mappings,
                                               Clock clock) {
        return new HubSpotObjectSync(new HubSpotObjects(client), properties, writer, checkpoints, cursors, mappings::map,
                clock);
    }

    /** Every mapped HubSpot object with the fields its mappings read, in mapping order. */
    public static Map<String, List<String>> sourceFieldsByObject(MappingSet mappings) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String object : mappings.objects(HubSpotRecords.SOURCE)) {
            fields.put(object, mappings.sourceFields(HubSpotRecords.SOURCE, object));
        }
        return fields;
    }
}
