package com.partnersync.app;

import com.partnersync.sync.Reconcile;
import com.partnersync.sync.SourceReconciler;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.PageListener;
import com.partnersync.warehouse.ReaderRoleCallback;
import com.partnersync.warehouse.Reconciliation;
import com.partnersync.warehouse.RunListener;
import com.partnersync.warehouse.StreamPositionStore;
import com.partnersync.warehouse.SyncRuns;
import com.partnersync.warehouse.WarehouseWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.List;

/** The warehouse classes are plain Java (tests build them on their own); Spring only hands them the DataSource. */
@Configuration(proxyBeanMethods = false)
public class WarehouseConfig {
    @Bean
    WarehouseWriter warehouseWriter(DataSource dataSource, List<PageListener> listeners) {
        return new WarehouseWriter(dataSource, listeners);
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
    StreamPositionStore streamPositionStore(DataSource dataSource) {
        return new StreamPositionStore(dataSource);
    }

    @Bean
    SyncRuns syncRuns(DataSource dataSource, List<RunListener> listeners) {
        return new SyncRuns(dataSource, listeners);
    }

    @Bean
    Reconciliation reconciliation(DataSource dataSource) {
        return new Reconciliation(dataSource);
    }

    @Bean
    Reconcile reconcile(List<SourceReconciler> sources, SyncRuns runs) {
        return new Reconcile(sources, runs);
    }
}
