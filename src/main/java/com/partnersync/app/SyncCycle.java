package com.partnersync.app;

import com.partnersync.sync.AfterSyncStep;
import com.partnersync.sync.SourceSystemSync;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.SyncRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One sync cycle: every configured CRM source, then the after-sync steps (lead dedup, rules, write-back), recorded as one
 * sync_run. A failing source or step is logged and recorded; the others still run.
 */
@Component
public class SyncCycle {
    private static final Logger log = LoggerFactory.getLogger(SyncCycle.class);

    private final List<SourceSystemSync> sources;
    private final List<AfterSyncStep> steps;
    private final SyncRuns runs;

    public SyncCycle(List<SourceSystemSync> sources, List<AfterSyncStep> steps, SyncRuns runs) {
        this.sources = sources;
        this.steps = steps.stream().sorted(Comparator.comparingInt(AfterSyncStep::order)).toList();
        this.runs = runs;
    }

    public record Result(long runId, String status, List<ObjectSummary> objects, List<String> failedSteps) {
    }

    /** Cycles and step runs never overlap: both end in write-back, which must not send one change twice. */
    public synchronized Result run(String command) {
        long runId = runs.start(command);
        List<ObjectSummary> objects = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (SourceSystemSync source : sources) {
            if (!source.configured()) {
                log.info("{}: no credentials configured, source skipped", source.sourceSystem());
                continue;
            }
            try {
                for (ObjectSummary summary : source.syncAll(runId)) {
                    runs.recordObject(runId, summary);
                    objects.add(summary);
                }
            } catch (RuntimeException e) {
                log.error("{}: sync failed: {}", source.sourceSystem(), e.getMessage(), e);
                failed.add(source.sourceSystem());
            }
        }
        runSteps(runId, failed);
        String status = status(objects, failed);
        runs.finish(runId, status);
        return new Result(runId, status, objects, failed);
    }

    /**
     * The after-sync steps alone, for changes a stream (Salesforce CDC, HubSpot webhooks) committed between cycles,
     * recorded as their own sync_run.
     */
    public synchronized Result runSteps(String command) {
        long runId = runs.start(command);
        List<String> failed = new ArrayList<>();
        runSteps(runId, failed);
        String status = status(List.of(), failed);
        runs.finish(runId, status);
        return new Result(runId, status, List.of(), failed);
    }

    private void runSteps(long runId, List<String> failed) {
        for (AfterSyncStep step : steps) {
            try {
                step.run(runId);
            } catch (RuntimeException e) {
                log.error("{} failed: {}", step.name(), e.getMessage(), e);
                failed.add(step.name());
            }
        }
    }

    static String status(List<ObjectSummary> objects, List<String> failedSteps) {
        if (!failedSteps.isEmpty() || objects.stream().anyMatch(o -> "FAILED".equals(o.status()))) {
            return "FAILED";
        }
        if (objects.stream().anyMatch(o -> "PAUSED_LIMIT".equals(o.status()))) {
            return "PAUSED_LIMIT";
        }
        return "SUCCEEDED";
    }
}
