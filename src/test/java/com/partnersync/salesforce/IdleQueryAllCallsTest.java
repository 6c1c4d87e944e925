package com.partnersync.salesforce;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.testsupport.MutableClock;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an incremental queryAll costs when nothing changed, and after a write-back touched thousands of records at
 * once, against the Salesforce simulator, whose answers carry the org's clock in their Date header (the test moves it):
 * each complete read moves the next one to its own start by that clock less the look-back (default 60 s), so the
 * window before the newest record is re-read at most once and a write-back's echo is read once.
 */
class IdleQueryAllCallsTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));

    private final MutableClock orgClock = new MutableClock(SandboxDataset.DEFAULT_AS_OF);
    private final SandboxDataset dataset = SandboxDataset.builder().count(Crm.SALESFORCE, "Account", 3000)
            .clock(orgClock).build();
    private final SalesforceFake sandbox = SalesforceFake.over(dataset);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SalesforceProperties properties() {
        SalesforceProperties properties = SandboxOrgProperties.of(sandbox.baseUrl());
        return properties;
    }

    /** Runs one incremental of Account with the org's clock at {@code minutes} after the dataset's as-of time. */
    private ObjectSummary syncAt(SalesforceSync sync, int minutes) {
        orgClock.set(SandboxDataset.DEFAULT_AS_OF.plus(Duration.ofMinutes(minutes)));
        ObjectSummary summary = sync.sync("Account", 0);
        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        return summary;
    }

    @Test
    void anIdleRunCostsOneCallAndAWriteBackEchoIsReadOnce() {
        TestDatabase.truncateAll();
        SalesforceProperties properties = properties();
        assertThat(properties.lookBack()).isEqualTo(Duration.ofSeconds(60));
        SalesforceClient client = salesforce.open(properties);
        SalesforceSync sync = new SalesforceSync(client, MAPPINGS, new WarehouseWriter(TestDatabase.dataSource()),
                new CheckpointStore(TestDatabase.dataSource()), properties);
        // ten accounts changed 30 s before the full load starts: inside its look-back window
        orgClock.set(SandboxDataset.DEFAULT_AS_OF.minusSeconds(30));
        List<SandboxRecord> live = dataset.pageAfter(Crm.SALESFORCE, "Account", null, null, null, 2500, false);
        live.subList(0, 10).forEach(r -> dataset.update(Crm.SALESFORCE, "Account", r.id(), Map.of("Phone", "+1 555 0100")));

        ObjectSummary full = syncAt(sync, 0);
        ObjectSummary firstIdle = syncAt(sync, 10);
        ObjectSummary idle = syncAt(sync, 20);
        // a write-back touches 2,500 accounts at minute 25
        orgClock.set(SandboxDataset.DEFAULT_AS_OF.plus(Duration.ofMinutes(25)));
        live.forEach(r -> dataset.update(Crm.SALESFORCE, "Account", r.id(), Map.of("Website", "https://echo.example.com")));
        ObjectSummary echo = syncAt(sync, 30);
        ObjectSummary afterEcho = syncAt(sync, 40);

        assertThat(full.read()).isEqualTo(dataset.count(Crm.SALESFORCE, "Account", true));
        // the one re-read: the look-back window before the full load's start, then never again
        assertThat(firstIdle.read()).isEqualTo(10);
        assertThat(firstIdle.inserted() + firstIdle.updated()).isZero();
        assertThat(idle.read()).isZero();
        assertThat(idle.apiCalls()).isEqualTo(1);
        assertThat(echo.read()).isEqualTo(2500);
        assertThat(echo.apiCalls()).isEqualTo(2); // two pages of 2,000
        assertThat(afterEcho.read()).as("the echo is not read a second time").isZero();
        assertThat(afterEcho.apiCalls()).isEqualTo(1);
    }
}
