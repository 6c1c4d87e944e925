package com.partnersync.hubspot;

import com.partnersync.sync.CrmSource;
import com.partnersync.sync.ObjectSync;
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
    HubSpotPageReader hubSpotPageReader(HubSpotClient client, HubSpotProperties properties, CheckpointStore checkpoints,
                                        DataSource dataSource, MappingSet mappings) {
        return reader(client, properties, checkpoints, new ListCursorStore(dataSource), mappings, Clock.systemUTC());
    }

    @Bean
    ObjectSync<HubSpotPageReader.Read, HubSpotPageReader.Batch> hubSpotObjectSync(HubSpotPageReader reader,
                                                                                  MappingSet mappings,
                                                                                  WarehouseWriter writer) {
        return new ObjectSync<>(reader, mappings::map, writer);
    }

    @Bean
    HubSpotReconciler hubSpotReconciler(HubSpotPageReader reader,
                                        ObjectSync<HubSpotPageReader.Read, HubSpotPageReader.Batch> objectSync,
                                        MappingSet mappings, Reconciliation reconciliation, HubSpotProperties properties) {
        return new HubSpotReconciler(reader, objectSync, mappings, reconciliation, properties, Clock.systemUTC());
    }

    /** HubSpot as a source: a {@code crm-object} route per mapped object, all at once; skipped without an access token. */
    @Bean
    CrmSource hubSpotSource(ObjectSync<HubSpotPageReader.Read, HubSpotPageReader.Batch> objectSync,
                            MappingSet mappings, ProducerTemplate producer, HubSpotProperties properties) {
        return source(objectSync, mappings, producer, properties);
    }

    /** The reader wired in plain Java (tests and the benchmark use this too). */
    public static HubSpotPageReader reader(HubSpotClient client, HubSpotProperties properties, CheckpointStore checkpoints,
                                           ListCursorStore cursors, MappingSet mappings, Clock clock) {
        return new HubSpotPageReader(new HubSpotObjects(client), properties, checkpoints, cursors, mappings, clock);
    }

    /** The source wired in plain Java: route ids {@code hubspot-<object>}. */
    public static CrmSource source(ObjectSync<?, ?> objectSync, MappingSet mappings, ProducerTemplate producer,
                                   HubSpotProperties properties) {
        Map<String, String> routeIds = new LinkedHashMap<>();
        for (String object : mappings.objects(HubSpotRecords.SOURCE)) {
            routeIds.put(object, "hubspot-" + object);
        }
        return new CrmSource(objectSync, routeIds, producer, properties::configured);
    }
}
