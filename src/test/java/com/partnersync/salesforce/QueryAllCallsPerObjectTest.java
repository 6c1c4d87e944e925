package com.partnersync.salesforce;

import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.testsupport.SalesforceFake;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects are read concurrently over one session, so an object's {@code api_calls} counts the calls its own read made
 * (its prefetched query pages included), never the calls other objects made meanwhile.
 */
class QueryAllCallsPerObjectTest {
    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private static final MappingSet MAPPINGS =
            MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));

    private final SandboxDataset dataset = SandboxDataset.builder().count(Crm.SALESFORCE, "Account", 3000).build();
    private final SalesforceFake sandbox = SalesforceFake.over(dataset);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void callsMadeOnOtherThreadsMeanwhileAreNotCountedToThisRead() {
        SalesforceClient client = salesforce.open(SandboxOrgProperties.of(sandbox.baseUrl()));
        AtomicLong mine = new AtomicLong();
        long before = client.apiCalls();

        client.countingCalls(mine, () -> {
            CompletableFuture.runAsync(() -> client.query("SELECT Id FROM Account LIMIT 1", true)).join();
            return client.query("SELECT Id FROM Account LIMIT 1", true);
        });

        assertThat(mine.get()).isEqualTo(1);
        assertThat(client.apiCalls() - before).isEqualTo(2);
    }

    @Test
    void anObjectCountsItsOwnQueryPagesIncludingThePrefetchedOnes() {
        TestDatabase.truncateAll();
        SalesforceProperties properties = SandboxOrgProperties.of(sandbox.baseUrl());
        SalesforceClient client = salesforce.open(properties);
        SalesforceSync sync = new SalesforceSync(client, MAPPINGS,
                new WarehouseWriter(TestDatabase.dataSource()), new CheckpointStore(TestDatabase.dataSource()), properties);
        long before = client.apiCalls();

        CompletableFuture<ObjectSummary> accounts = CompletableFuture.supplyAsync(() -> sync.sync("Account", 0));
        CompletableFuture<ObjectSummary> opportunities = CompletableFuture.supplyAsync(() -> sync.sync("Opportunity", 0));
        ObjectSummary account = accounts.join();
        ObjectSummary opportunity = opportunities.join();

        assertThat(List.of(account.status(), opportunity.status())).containsOnly(RunStatus.SUCCEEDED);
        assertThat(account.read()).isEqualTo(3000);
        assertThat(account.apiCalls()).as("two query pages of at most 2,000, the second prefetched").isEqualTo(2);
        assertThat(opportunity.apiCalls()).isPositive();
        assertThat(account.apiCalls() + opportunity.apiCalls()).isEqualTo(client.apiCalls() - before);
    }
}
