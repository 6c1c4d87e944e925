package com.partnersync.ops;

import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.RunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The connector's own metrics (Prometheus names {@code partner_sync_*}) and what health reports of each CRM. The CRM
 * clients make two calls on it: {@link #response} for every HTTP answer and {@link #apiBudget} when the CRM reports
 * its usage; everything per record and per run comes from the run bookkeeping ({@link RunListener}).
 */
public class SyncMetrics implements RunListener {
    public static final String AUTH = "auth";
    public static final String READ = "read";
    public static final String WRITE = "write";

    private final MeterRegistry registry;
    private final Map<String, CrmState> crms = new ConcurrentHashMap<>();
    private final Map<Long, Long> runStartNanos = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final Timer cycleDuration;

    /** What the last answers of one CRM said: when one last succeeded, and the share of its API budget used. */
    public static final class CrmState {
        private volatile Instant lastSuccessfulCall;
        private volatile double budgetUsedRatio = Double.NaN;

        public Instant lastSuccessfulCall() {
            return lastSuccessfulCall;
        }

        public double budgetUsedRatio() {
            return budgetUsedRatio;
        }
    }

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.cycleDuration = Timer.builder("partner_sync_cycle_duration")
                .description("Duration of a sync cycle, sources to write-back").register(registry);
        Gauge.builder("partner_sync_last_success_timestamp_seconds", lastSuccess,
                        t -> t.get() == null ? Double.NaN : t.get().getEpochSecond())
                .description("When the last cycle that succeeded ended (Unix time)").register(registry);
    }

    /** For clients built outside Spring (tests, benchmarks): counts into a registry nobody reads. */
    public static SyncMetrics none() {
        return new SyncMetrics(new SimpleMeterRegistry());
    }

    /** 1 while this instance is the active one. */
    public void leader(BooleanSupplier isLeader) {
        Gauge.builder("partner_sync_leader", isLeader, s -> s.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 on the active instance, 0 on a standby").register(registry);
    }

    /** One CRM answer ({@code status} 0: no answer): counted by kind; a 429 counted; a 2xx is a successful call. */
    public void response(String source, String kind, int status) {
        Counter.builder("partner_sync_api_calls").description("CRM API requests sent, retries and logins included")
                .tag("source", source).tag("kind", kind).register(registry).increment();
        if (status == 429) {
            Counter.builder("partner_sync_http_429").description("CRM answers 429 Too Many Requests")
                    .tag("source", source).register(registry).increment();
        }
        if (status / 100 == 2) {
            crm(source).lastSuccessfulCall = Instant.now();
        }
    }

    /** The CRM's report of its daily API budget: {@code used} of {@code limit} requests. */
    public void apiBudget(String source, long used, long limit) {
        if (limit > 0) {
            crm(source).budgetUsedRatio = (double) used / limit;
        }
    }

    public CrmState crm(String source) {
        return crms.computeIfAbsent(source, s -> {
            CrmState state = new CrmState();
            Gauge.builder("partner_sync_api_budget_used_ratio", state, CrmState::budgetUsedRatio)
                    .description("Share of the CRM's daily API budget used, as the CRM last reported it")
                    .tag("source", s).register(registry);
            Counter.builder("partner_sync_http_429").tag("source", s).register(registry);
            return state;
        });
    }

    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    /** The last success recorded before this process started (so a restart does not reset it). */
    public void lastSuccessBefore(Instant endedAt) {
        lastSuccess.compareAndSet(null, endedAt);
    }

    @Override
    public void started(long runId, String command) {
        runStartNanos.put(runId, System.nanoTime());
    }

    @Override
    public void objectFinished(long runId, ObjectSummary s) {
        record(s, "inserted", s.inserted());
        record(s, "updated", s.updated());
        record(s, "deleted", s.deleted());
        record(s, "error", s.errors());
    }

    private void record(ObjectSummary s, String outcome, long count) {
        Counter.builder("partner_sync_records").description("Records synced, by what the warehouse did with them")
                .tag("source", s.sourceSystem()).tag("object", s.object()).tag("outcome", outcome)
                .register(registry).increment(count);
    }

    @Override
    public void finished(long runId, String status) {
        Long started = runStartNanos.remove(runId);
        if (started != null) {
            cycleDuration.record(Duration.ofNanos(System.nanoTime() - started));
        }
        if ("SUCCEEDED".equals(status)) {
            lastSuccess.set(Instant.now());
        }
    }
}
