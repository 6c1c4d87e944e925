package com.partnersync.app;

import com.partnersync.dedup.LeadDedupStep;
import com.partnersync.ops.GracefulStop;
import com.partnersync.rules.RulesStep;
import com.partnersync.sync.AfterSyncStep;
import com.partnersync.sync.SourceSystemSync;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.warehouse.SyncRuns;
import com.partnersync.writeback.WritebackStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One sync cycle, recorded as one sync_run, in this order (the one place it is stated):
 * <ol>
 *   <li>the sources: every configured CRM's objects into the warehouse;</li>
 *   <li>lead dedup of the leads that changed (the rules count leads delivered by dedup's credit);</li>
 *   <li>the rules (deal registrations, attribution, segments), which queue computed values for write-back;</li>
 *   <li>write-back of what changed to the CRMs.</li>
 * </ol>
 * A failing source or step is logged and recorded; the others still run. A stop request (SIGTERM) ends the object in
 * progress after its current page and skips the rest: the run is INTERRUPTED. Changes a stream committed between
 * cycles run steps 2-4 alone ({@link #runSteps}).
 */
@Component
public class SyncCycle {
    private static final Logger log = LoggerFactory.getLogger(SyncCycle.class);

    private final List<SourceSystemSync> sources;
    private final List<AfterSyncStep> steps;
    private final SyncRuns runs;
    private final GracefulStop stop;

    @Autowired
    public SyncCycle(List<SourceSystemSync> sources, LeadDedupStep leadDedup, RulesStep rules, WritebackStep writeback,
                     SyncRuns runs, GracefulStop stop) {
        this(sources, List.of(leadDedup, rules, writeback), runs, stop);
    }

    /** @param steps what runs after the sources, in this order */
    public SyncCycle(List<SourceSystemSync> sources, List<AfterSyncStep> steps, SyncRuns runs, GracefulStop stop) {
        this.sources = sources;
        this.steps = List.copyOf(steps);
        this.runs = runs;
        this.stop = stop;
    }

    public record Result(long runId, RunStatus status, List<ObjectSummary> objects, List<String> failedSteps) {
        /** Some object's rows were inserted, updated or soft-deleted. */
        public boolean changedRows() {
            return SyncCycle.changedRows(objects);
        }

        /** The per-object summary table, printed by one-shot commands and logged in long-running mode. */
        public String table() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%-10s %-22s %-12s %9s %9s %9s %8s %7s %9s %8s%n", "source", "object", "status", "read",
                    "inserted", "updated", "deleted", "errors", "api-calls", "seconds"));
            for (ObjectSummary s : objects) {
                out.append(String.format(Locale.ROOT, "%-10s %-22s %-12s %9d %9d %9d %8d %7d %9d %8.1f%n",
                        s.sourceSystem(), s.object(), s.status(), s.read(), s.inserted(), s.updated(), s.deleted(),
                        s.errors(), s.apiCalls(), s.seconds()));
            }
            for (String step : failedSteps) {
                out.append("failed: ").append(step).append('\n');
            }
            return out.append("run ").append(runId).append(": ").append(status).toString();
        }
    }

    /** Cycles and step runs never overlap: both end in write-back, which must not send one change twice. */
    public synchronized Result run(String command) {
        if (stop.closing()) {
            return notStarted(command);
        }
        long runId = runs.start(command);
        List<ObjectSummary> objects = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = new ArrayList<>();
        for (SourceSystemSync source : sources) {
            if (stop.requested()) {
                break;
            }
            if (!source.configured()) {
                log.info("{}: no credentials configured, source skipped", source.sourceSystem());
                continue;
            }
            sync(runId, source, objects, failed);
        }
        runSteps(runId, failed);
        RunStatus status = stop.requested() ? RunStatus.INTERRUPTED : status(objects, failed);
        runs.finish(runId, status);
        return new Result(runId, status, objects, failed);
    }

    /**
     * One configured source's incremental sync between cycles (HubSpot's short-interval search when no webhooks
     * arrive), recorded as its own sync_run; the after-sync steps follow when it changed rows.
     */
    public synchronized Result runSource(String command, String sourceSystem) {
        if (stop.closing()) {
            return notStarted(command);
        }
        long runId = runs.start(command);
        List<ObjectSummary> objects = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = new ArrayList<>();
        sources.stream().filter(s -> s.sourceSystem().equals(sourceSystem) && s.configured())
                .forEach(source -> sync(runId, source, objects, failed));
        if (changedRows(objects)) {
            runSteps(runId, failed);
        }
        RunStatus status = stop.requested() ? RunStatus.INTERRUPTED : status(objects, failed);
        runs.finish(runId, status);
        return new Result(runId, status, objects, failed);
    }

    /**
     * A run a schedule or a stream asks for while the application is closing (the run in progress has just been
     * interrupted, and a timer fires once more before Camel stops it) is not started or recorded.
     */
    private static Result notStarted(String command) {
        log.info("shutting down: {} not started", command);
        return new Result(0, RunStatus.INTERRUPTED, List.of(), List.of());
    }

    private void sync(long runId, SourceSystemSync source, List<ObjectSummary> objects, List<String> failed) {
        try {
            // recorded as each object finishes: a failure later in the run does not erase what finished before
            source.syncAll(runId, summary -> {
                runs.recordObject(runId, summary);
                objects.add(summary);
            });
        } catch (RuntimeException e) {
            log.error("{}: sync failed: {}", source.sourceSystem(), e.getMessage(), e);
            failed.add(source.sourceSystem());
        }
    }

    /**
     * The after-sync steps alone, for changes a stream (Salesforce CDC, HubSpot webhooks) committed between cycles,
     * recorded as their own sync_run.
     */
    public synchronized Result runSteps(String command) {
        if (stop.closing()) {
            return notStarted(command);
        }
        long runId = runs.start(command);
        List<String> failed = new ArrayList<>();
        runSteps(runId, failed);
        RunStatus status = stop.requested() ? RunStatus.INTERRUPTED : status(List.of(), failed);
        runs.finish(runId, status);
        return new Result(runId, status, List.of(), failed);
    }

    private void runSteps(long runId, List<String> failed) {
        for (AfterSyncStep step : steps) {
            if (stop.requested()) {
                log.warn("stop requested: {} and the steps after it skipped", step.name());
                break;
            }
            try {
                step.run(runId);
            } catch (RuntimeException e) {
                log.error("{} failed: {}", step.name(), e.getMessage(), e);
                failed.add(step.name());
            }
        }
    }

    private static boolean changedRows(List<ObjectSummary> objects) {
        return objects.stream().anyMatch(o -> o.inserted() + o.updated() + o.deleted() > 0);
    }

    static RunStatus status(List<ObjectSummary> objects, List<String> failedSteps) {
        if (!failedSteps.isEmpty() || objects.stream().anyMatch(o -> o.status() == RunStatus.FAILED)) {
            return RunStatus.FAILED;
        }
        if (objects.stream().anyMatch(o -> o.status() == RunStatus.PAUSED_LIMIT)) {
            return RunStatus.PAUSED_LIMIT;
        }
        return RunStatus.SUCCEEDED;
    }
}
