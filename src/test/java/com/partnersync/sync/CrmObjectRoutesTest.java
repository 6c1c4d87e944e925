package com.partnersync.sync;

import com.partnersync.hubspot.HubSpotClient;
import com.partnersync.hubspot.HubSpotConfig;
import com.partnersync.hubspot.HubSpotProperties;
import com.partnersync.hubspot.ListCursorStore;
import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.ops.CrmMonitor;
import com.partnersync.salesforce.SalesforceClient;
import com.partnersync.salesforce.SalesforceConfig;
import com.partnersync.salesforce.SalesforceProperties;
import com.partnersync.testsupport.SalesforceClients;
import com.partnersync.testsupport.SourceRoutes;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import com.partnersync.warehouse.PageListener;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteTemplateDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code crm-object} route template over a scripted in-memory {@link PageReader} (Salesforce Accounts, real
 * mappings and embedded PostgreSQL): pages commit in order with their checkpoints while the next one is read, and what
 * ends an object early (the API limit, a stop request, a failed read) ends it with its status and message, keeping the
 * checkpoint of every committed page.
 */
class CrmObjectRoutesTest {
    private static final MappingSet MAPPINGS = MappingSet.load(Path.of("mappings"), new JdbcModelCatalog(TestDatabase.dataSource()));
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @RegisterExtension
    final SalesforceClients salesforce = new SalesforceClients();
    private final CheckpointStore checkpoints = new CheckpointStore(TestDatabase.dataSource());
    private final List<Checkpoint> committed = Collections.synchronizedList(new ArrayList<>());
    private final CamelContext camel = new DefaultCamelContext();
    private Consumer<PageCommit> beforeCommit = page -> { };

    @BeforeEach
    void emptyWarehouse() {
        TestDatabase.truncateAll();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void pagesCommitInOrderWithTheirCheckpointsWhileTheNextPageIsRead() {
        ScriptedReader reader = new ScriptedReader(page(0, 2), page(2, 2), page(4, 2));
        CountDownLatch secondFetchStarted = reader.fetchStarted(2);
        List<Boolean> readAheadDuringFirstCommit = new ArrayList<>();
        beforeCommit = page -> {
            if (committed.isEmpty()) {
                readAheadDuringFirstCommit.add(await(secondFetchStarted));
            }
        };

        ObjectSummary summary = run(reader);

        assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(summary.message()).isNull();
        assertThat(summary).extracting(ObjectSummary::read, ObjectSummary::inserted, ObjectSummary::apiCalls)
                .containsExactly(6L, 6L, 3L);
        assertThat(committed).containsExactly(key(1), key(3), key(5));
        assertThat(checkpoints.load("salesforce", "Account")).contains(key(5));
        assertThat(reader.committedPages).as("the reader's bookkeeping after each commit").containsExactly(1, 2, 3);
        assertThat(reader.attachedBeforeMapping).as("related data attached before mapping").isTrue();
        assertThat(readAheadDuringFirstCommit).as("page 2 fetched while page 1 commits").containsExactly(true);
        assertThat(TestDatabase.jdbc().queryForList("select name from account order by name", String.class))
                .containsExactly("Account 0", "Account 1", "Account 2", "Account 3", "Account 4", "Account 5");
    }

    @Test
    void aFailedReadAheadFailsTheObjectWithItsMessageAfterTheCurrentPageCommitted() {
        ScriptedReader reader = new ScriptedReader(page(0, 2), new MalformedResponseException(
                "HubSpot GET /crm/v3/objects/companies", "not JSON", 200, "<html>bad gateway</html>"), page(2, 2));

        ObjectSummary summary = run(reader);

        assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
        assertThat(summary.message()).startsWith(
                "HubSpot GET /crm/v3/objects/companies answered 200 with a malformed body: not JSON");
        assertThat(summary.read()).isEqualTo(2);
        assertThat(committed).containsExactly(key(1));
        assertThat(checkpoints.load("salesforce", "Account")).contains(key(1));
    }

    @Test
    void theApiLimitPausesTheObjectKeepingTheCheckpoint() {
        ScriptedReader reader = new ScriptedReader(page(0, 2), page(2, 2),
                new ApiLimitReachedException("daily API limit reached (950 of 1000 calls used)"));

        ObjectSummary summary = run(reader);

        assertThat(summary.status()).isEqualTo(RunStatus.PAUSED_LIMIT);
        assertThat(summary.message()).isEqualTo("daily API limit reached (950 of 1000 calls used)");
        assertThat(summary.read()).isEqualTo(4);
        assertThat(summary.apiCalls()).isEqualTo(3);
        assertThat(checkpoints.load("salesforce", "Account")).contains(key(3));
    }

    @Test
    void aStopRequestBeforeACommitInterruptsTheObjectAfterItsLastCommittedPage() {
        ScriptedReader reader = new ScriptedReader(page(0, 2), page(2, 2), page(4, 2));
        beforeCommit = page -> {
            if (committed.size() == 1) {
                throw new RunInterruptedException(); // as GracefulStop does on SIGTERM
            }
        };

        ObjectSummary summary = run(reader);

        assertThat(summary.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(summary.message()).isEqualTo(RunInterruptedException.MESSAGE);
        assertThat(committed).containsExactly(key(1));
        assertThat(checkpoints.load("salesforce", "Account")).contains(key(1));
        assertThat(reader.committedPages).containsExactly(1);
    }

    @Test
    void aFailingPlanFailsTheObjectWithoutApiCalls() {
        ScriptedReader reader = new ScriptedReader() {
            @Override
            public Cursor plan(String object) {
                throw new IllegalStateException("checkpoint of " + object + " unreadable");
            }
        };

        ObjectSummary summary = run(reader);

        assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
        assertThat(summary.message()).isEqualTo("checkpoint of Account unreadable");
        assertThat(summary.apiCalls()).isZero();
    }

    @Test
    void everyMappedObjectOfBothCrmsHasItsRouteFromTheTemplate() throws Exception {
        SalesforceProperties sf = TestSettings.bind(SalesforceProperties.class, "login-url", "http://127.0.0.1:9",
                "client-id", "test");
        HubSpotProperties hs = TestSettings.bind(HubSpotProperties.class, "base-url", "http://127.0.0.1:9");
        WarehouseWriter writer = new WarehouseWriter(TestDatabase.dataSource());
        SalesforceClient client = salesforce.open(sf);
        CrmSource salesforceSource = SalesforceConfig.source(SalesforceConfig.objectSync(client, MAPPINGS, writer,
                checkpoints, sf), MAPPINGS, camel.createProducerTemplate(), client);
        CrmSource hubSpotSource = HubSpotConfig.source(new ObjectSync<>(HubSpotConfig.reader(
                        new HubSpotClient(hs, CrmMonitor.unmonitored("hubspot")), hs, checkpoints,
                        new ListCursorStore(TestDatabase.dataSource()), MAPPINGS, Clock.systemUTC()), MAPPINGS::map, writer),
                MAPPINGS, camel.createProducerTemplate(), hs);

        SourceRoutes.start(camel, salesforceSource, hubSpotSource);

        assertThat(camel.getRoutes().stream().map(Route::getRouteId)).containsExactlyInAnyOrder(
                "salesforce-account", "salesforce-contact", "salesforce-deal-registration", "salesforce-event",
                "salesforce-lead", "salesforce-opportunity", "salesforce-task",
                "hubspot-calls", "hubspot-companies", "hubspot-contacts", "hubspot-deals", "hubspot-meetings");
        assertThat(camel.getRoutes()).allSatisfy(route ->
                assertThat(route.getEndpoint().getEndpointUri()).isEqualTo("direct://" + route.getRouteId()));
        assertThat(camel.getRoutes()).allSatisfy(route ->
                assertThat(route.isCreatedByRouteTemplate()).as(route.getRouteId()).isTrue());
        assertThat(((ModelCamelContext) camel).getRouteTemplateDefinitions()).extracting(RouteTemplateDefinition::getId)
                .containsExactly(CrmObjectRoutes.TEMPLATE);
    }

    private ObjectSummary run(ScriptedReader reader) {
        PageListener listener = new PageListener() {
            @Override
            public void beforeCommit(PageCommit page) {
                beforeCommit.accept(page);
            }

            @Override
            public void committed(PageCommit page, PageCounts counts) {
                committed.add(page.checkpoint());
            }
        };
        WarehouseWriter writer = new WarehouseWriter(TestDatabase.dataSource(), List.of(listener));
        Map<String, String> routeIds = new LinkedHashMap<>();
        routeIds.put("Account", "salesforce-account");
        CrmSource source = new CrmSource(new ObjectSync<>(reader, MAPPINGS::map, writer), routeIds,
                camel.createProducerTemplate(), () -> true);
        SourceRoutes.start(camel, source);
        return source.sync("Account", 1);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Checkpoint key(int i) {
        return new Checkpoint(T0.plusSeconds(i), "001" + i);
    }

    /** Accounts {@code from} .. {@code from + count - 1}, each modified a second after the one before. */
    private static List<SourceRecord> page(int from, int count) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Id", "001" + i);
            fields.put("Name", "Account " + i);
            records.add(new SourceRecord("salesforce", "Account", "001" + i, T0.plusSeconds(i), false, fields,
                    "{\"Id\":\"001" + i + "\",\"Name\":\"Account " + i + "\"}"));
        }
        return records;
    }

    /**
     * Hands out the scripted pages (a list of records, checkpointed at its last key) or throws the scripted exception,
     * one fetch each; counts one API call per fetch.
     */
    private static class ScriptedReader implements PageReader<ScriptedReader.Cursor, ScriptedReader.Page> {
        final List<Object> script;
        final List<Integer> committedPages = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, CountDownLatch> fetchStarted = new LinkedHashMap<>();
        volatile boolean attachedBeforeMapping = true;

        ScriptedReader(Object... script) {
            this.script = List.of(script);
        }

        CountDownLatch fetchStarted(int fetch) {
            return fetchStarted.computeIfAbsent(fetch, k -> new CountDownLatch(1));
        }

        static final class Cursor {
            int fetches;
        }

        final class Page implements PageReader.Page {
            final int number;
            final List<SourceRecord> records;
            boolean attached;

            Page(int number, List<SourceRecord> records) {
                this.number = number;
                this.records = records;
            }

            @Override
            public List<SourceRecord> records() {
                attachedBeforeMapping &= attached;
                return records;
            }

            @Override
            public List<RecordError> errors() {
                return List.of();
            }

            @Override
            public Checkpoint checkpoint() {
                SourceRecord last = records.get(records.size() - 1);
                return new Checkpoint(last.modifiedAt(), last.id());
            }

            @Override
            public boolean last() {
                return number == script.size();
            }
        }

        @Override
        public String sourceSystem() {
            return "salesforce";
        }

        @Override
        public Cursor plan(String object) {
            return new Cursor();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Page fetch(Cursor cursor) {
            int number = ++cursor.fetches;
            CountDownLatch started = fetchStarted.get(number);
            if (started != null) {
                started.countDown();
            }
            Object next = script.get(number - 1);
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return new Page(number, (List<SourceRecord>) next);
        }

        @Override
        public void attach(Cursor cursor, Page page) {
            page.attached = true;
        }

        @Override
        public void committed(Cursor cursor, Page page) {
            committedPages.add(page.number);
        }

        @Override
        public long apiCalls(Cursor cursor) {
            return cursor.fetches;
        }
    }
}
