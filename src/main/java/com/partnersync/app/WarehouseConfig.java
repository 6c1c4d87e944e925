package com.partnersync.app;

import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ReaderRoleCallback;
import com.partnersync.warehouse.SyncRuns;
import com.partnersync.warehouse.WarehouseWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The warehouse classes are plain Java (tests build them on their own); Spring only hands them the DataSource. */
@Configuration(proxyBeanMethods = false)
public class WarehouseConfig {
    @Bean
    WarehouseWriter warehouseWriter(DataSource dataSource) {
        return new WarehouseWriter(dataSource);
    }

    @Bean
    CheckpointStore checkpointStore(DataSource dataSource) {
        return new CheckpointStore(dataSource);
    }

    /** Spring Boot hands Flyway every Callback bean. */
    @Bean
    ReaderRoleCallback readerRoleCallback() {
        return new ReaderRoleCallback();
    }

    @Bean
    SyncRuns syncRuns(DataSource dataSource) {
        return new SyncRuns(dataSource);
    }
}
