package com.partnersync.app;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.sandbox.Crm;
import com.partnersync.sandbox.SandboxApi;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.sandbox.SandboxRecord;
import com.partnersync.sandbox.SandboxServer;
import com.partnersync.sandbox.hubspot.HubSpotSimulator;
import com.partnersync.sandbox.salesforce.SalesforceSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Change -> warehouse row and change -> computed field written back to the CRM, through the whole long-running
 * application against the sandbox CRMs: N changes at a steady rate (default 1,000 at 10/s), each setting the fraud
 * flag of another opportunity or deal, so its attribution becomes {@code excluded} and that value is written back.
 * Times: from the change in the sandbox to the warehouse row showing it (polled every 50 ms) and to the sandbox CRM
 * record carrying {@code Attribution_Source__c} / {@code attribution_source = excluded}. One application per path:
 * Salesforce Change Data Capture, HubSpot webhooks, HubSpot without webhooks (incremental search every 60 s).
 * Run: {@code mvn -B -Pbench test -Dtest=ChangeLatencyBenchmark [-Dbench.n=1000] [-Dbench.rate=10]}.
 */
@Tag("bench")
class ChangeLatencyBenchmark {
    private static final int N = Integer.getInteger("bench.n", 1_000);
    private static final int RATE = Integer.getInteger("bench.rate", 10);
    /** Attributions the initial write-back leaves on a record that is not excluded. */
    private static final Set<String> WRITTEN = Set.of("direct", "paid", "partner", "marketplace");

    /** What one path changes and where the result shows. */
    private record Path(String name, Crm crm, String object, String fraudField, Object fraud, String writebackField) {
    }

    private static final Path SALESFORCE = new Path("Salesforce CDC", Crm.SALESFORCE, "Opportunity", "Fraud_Flag__c",
            true, "Attribution_Source__c");
    private static final Path HUBSPOT = new Path("HubSpot", Crm.HUBSPOT, "deals", "fraud_flag", "true",
            "attribution_source");

    @Test
    void salesforceChangeDataCapture() throws Exception {
        measure(SALESFORCE, true, Map.of());
    }

    @Test
    void hubspotWebhooks() throws Exception {
        measure(new Path("HubSpot webhooks", HUBSPOT.crm(), HUBSPOT.object(), HUBSPOT.fraudField(), HUBSPOT.fraud(),
                HUBSPOT.writebackField()), true, Map.of());
    }

    @Test
    void hubspotWithoutWebhooksSearchEvery60s() throws Exception {
        measure(new Path("HubSpot search every 60 s (no webhooks)", HUBSPOT.crm(), HUBSPOT.object(), HUBSPOT.fraudField(),
                HUBSPOT.fraud(), HUBSPOT.writebackField()), false, Map.of("partner-sync.stream.hubspot-search-interval", "60s"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void measure(Path path, boolean webhooks, Map<String, String> settings) throws Exception {
        SandboxDataset dataset = SandboxDataset.builder().count(Crm.SALESFORCE, "Opportunity", N + 600L)
                .count(Crm.HUBSPOT, "deals", N + 600L).build();
        int webPort = freePort();
        List<SandboxApi> apis = List.of(new SalesforceSimulator(0), webhooks
                ? new HubSpotSimulator(URI.create("http://127.0.0.1:" + webPort + "/webhooks/hubspot")) : new HubSpotSimulator());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             SandboxServer sandbox = SandboxServer.start(dataset, apis, 0)) {
            List<String> args = new ArrayList<>(List.of(
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--server.port=" + webPort, "--management.server.port=0",
                    "--partner-sync.schedule.interval=1h", "--partner-sync.schedule.delay-first=true"));
            sandbox.clientProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
            settings.forEach((key, value) -> args.add("--" + key + "=" + value));
            String[] all = args.toArray(String[]::new);
            try (ConfigurableApplicationContext app = PartnerSyncApplication.application(Command.parse(all)).run(all)) {
                JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
                long loadStart = System.nanoTime();
                SyncCycle.Result initial = app.getBean(SyncCycle.class).run("bench-initial");
                assertThat(initial.status()).isEqualTo("SUCCEEDED");
                // the initial write-back comes back as change events and webhooks; let them settle
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> jdbc.queryForObject(
                        "select count(*) from writeback_outbox where status in ('PENDING', 'SENDING')", Integer.class) == 0);
                Thread.sleep(10_000);
                System.out.printf("%s: initial load and write-back settled after %.0f s%n", path.name(),
                        (System.nanoTime() - loadStart) / 1e9);
                run(path, dataset, jdbc);
            }
        }
    }

    private void run(Path path, SandboxDataset dataset, JdbcTemplate jdbc) throws Exception {
        String source = path.crm() == Crm.SALESFORCE ? "salesforce" : "hubspot";
        Set<String> loaded = new HashSet<>(jdbc.queryForList(
                "select source_id from opportunity where source_system = ? and not deleted and not fraud_flag",
                String.class, source));
        List<String> ids = dataset.pageAfter(path.crm(), path.object(), null, null, null, N + 600, false).stream()
                .filter(r -> loaded.contains(r.id()) && dataset.writeFailure(path.crm(), path.object(), r.id()).isEmpty()
                        && WRITTEN.contains(String.valueOf(r.fields().get(path.writebackField()))))
                .map(SandboxRecord::id).limit(N).toList();
        assertThat(ids).as("opportunities with a written attribution to change").hasSize(N);
        Set<String> targets = Set.copyOf(ids);
        Map<String, Long> changedAt = new ConcurrentHashMap<>();
        Map<String, Long> rowAt = new ConcurrentHashMap<>();
        Map<String, Long> crmAt = new ConcurrentHashMap<>();
        dataset.addChangeListener((crm, object, before, after) -> {
            if (crm == path.crm() && object.equals(path.object()) && targets.contains(after.id())
                    && "excluded".equals(after.fields().get(path.writebackField()))) {
                crmAt.putIfAbsent(after.id(), System.nanoTime());
            }
        });
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            jdbc.queryForList("select source_id from opportunity where source_system = ? and fraud_flag", String.class, source)
                    .forEach(id -> {
                        if (changedAt.containsKey(id)) {
                            rowAt.putIfAbsent(id, now);
                        }
                    });
        }, 0, 50, TimeUnit.MILLISECONDS);
        try {
            long start = System.nanoTime();
            long every = 1_000_000_000L / RATE;
            for (int i = 0; i < N; i++) {
                long wait = start + i * every - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                changedAt.put(ids.get(i), System.nanoTime());
                dataset.update(path.crm(), path.object(), ids.get(i), Map.of(path.fraudField(), path.fraud()));
            }
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> rowAt.size() == N && crmAt.size() == N);
        } finally {
            poller.shutdownNow();
        }
        System.out.printf("%s, %d changes at %d/s: change -> warehouse row %s; change -> CRM field written back %s%n",
                path.name(), N, RATE, percentiles(ids, changedAt, rowAt), percentiles(ids, changedAt, crmAt));
    }

    private static String percentiles(List<String> ids, Map<String, Long> from, Map<String, Long> to) {
        List<Long> millis = new ArrayList<>();
        ids.forEach(id -> millis.add((to.get(id) - from.get(id)) / 1_000_000));
        millis.sort(Long::compare);
        int n = millis.size();
        return String.format("p50 %s, p95 %s, max %s", time(millis.get(n / 2)), time(millis.get((int) (n * 0.95))),
                time(millis.get(n - 1)));
    }

    private static String time(long millis) {
        return millis < 1_000 ? millis + " ms" : String.format("%.1f s", millis / 1000.0);
    }
}
