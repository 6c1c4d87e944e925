package com.partnersync.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.WarehouseWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an incremental queryAll costs when nothing changed, and after a write-back touched thousands of records at
 * once: the read-through time moves the next query past what a complete read provably saw, so the look-back window
 * (here 2 s) is re-read at most once and the write-back's echo is read once.
 */
class IdleQueryAllCallsTest {
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final List<String> FIELDS = MAPPINGS.sourceFields("salesforce", "Account");
    private static final Duration LAG = Duration.ofSeconds(2);

    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.dataSource());
    private SalesforceOrgStub org;
    private SalesforceObjectSync sync;

    @BeforeEach
    void start() {
        TestDatabase.truncateAll();
        org = new SalesforceOrgStub();
        SalesforceProperties properties = org.properties();
        properties.setLookBack(LAG);
        sync = new SalesforceObjectSync(new SalesforceClient(properties, null), MAPPINGS,
                new WarehouseWriter(TestDatabase.dataSource()), checkpoints, properties);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    private static List<ObjectNode> accounts(int count, Instant modstamp, String name) {
        return IntStream.range(0, count).mapToObj(i -> SalesforceOrgStub.account(SalesforceOrgStub.accountId(i), modstamp,
                name + " " + i, false)).toList();
    }

    /** Stubs the query the next run will send (from the stored checkpoint and read-through) with these records. */
    private void nextQueryAnswers(List<ObjectNode> records) {
        org.stubQueryAll(Soql.incremental("Account", FIELDS,
                checkpoints.resumeFrom("salesforce", "Account", LAG).orElseThrow(), true), records);
    }

    @Test
    void anIdleRunCostsOneCallAndAWriteBackEchoIsReadOnce() throws InterruptedException {
        // a burst of 5,000 accounts sharing one SystemModstamp, just before the first run
        org.stubQueryAll(Soql.incremental("Account", FIELDS, null, true), accounts(5000, Instant.now().minusSeconds(1), "Account"));
        ObjectSummary full = sync.sync("Account", 0);
        assertThat(full.read()).isEqualTo(5000);
        Thread.sleep(LAG.toMillis() + 100);

        nextQueryAnswers(List.of());
        ObjectSummary idle = sync.sync("Account", 0);

        // before read-through, each idle run re-read the burst inside the look-back: 3 calls, 5,000 records
        assertThat(idle.status()).isEqualTo("SUCCEEDED");
        assertThat(idle.apiCalls()).isEqualTo(1);
        assertThat(idle.read()).isZero();

        // write-back touches 2,500 of them: the echo comes back once
        Instant echo = Instant.now();
        Thread.sleep(LAG.toMillis() + 100);
        nextQueryAnswers(accounts(2500, echo, "Account"));
        ObjectSummary echoRun = sync.sync("Account", 0);
        assertThat(echoRun.read()).isEqualTo(2500);
        assertThat(echoRun.apiCalls()).isEqualTo(2);

        nextQueryAnswers(List.of());
        ObjectSummary afterEcho = sync.sync("Account", 0);

        assertThat(afterEcho.status()).isEqualTo("SUCCEEDED");
        assertThat(afterEcho.apiCalls()).isEqualTo(1);
        assertThat(afterEcho.read()).isZero();
        System.out.printf("salesforce Account idle incremental: %d call(s), %d records; write-back echo of 2,500: read %d"
                + " time(s), %d calls; next idle run: %d call(s)%n", idle.apiCalls(), idle.read(), 1, echoRun.apiCalls(),
                afterEcho.apiCalls());
    }
}
