package com.partnersync.app;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.dedup.LeadDedupStep;
import com.partnersync.rules.RulesStep;
import com.partnersync.sync.AfterSyncStep;
import com.partnersync.sync.SourceSystemSync;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.SyncRuns;
import com.partnersync.writeback.WritebackStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * One sync cycle, recorded as one sync_run, in this order (the one place it is stated):
 * <ol>
 *   <li>the sources: every configured CRM's objects into the warehouse;</li>
 *   <li>lead dedup of the leads that changed (the rules count leads delivered by dedup's credit);</li>
 *   <li>the rules (deal registrations, attribution, segments), which queue computed values for write-back;</li>
 *   <li>write-back of what changed to the CRMs.</li>
 * </ol>
 * A failing source or step is logged and recorded; the others still run.
 */
@Component
public class SyncCycle {
    private static final Logger log = LoggerFactory.getLogger(SyncCycle.class);

    private final List<SourceSystemSync> sources;
    private final List<AfterSyncStep> steps;
    private final SyncRuns runs;

    @Autowired
    public SyncCycle(List<SourceSystemSync> sources, LeadDedupStep leadDedup, RulesStep rules, WritebackStep writeback,
                     SyncRuns runs) {
        this(sources, List.of(leadDedup, rules, writeback), runs);
    }

    /** @param steps what runs after the sources, in this order */
    public SyncCycle(List<SourceSystemSync> sources, List<AfterSyncStep> steps, SyncRuns runs) {
        this.sources = sources;
        this.steps = List.copyOf(steps);
        this.runs = runs;
    }

    public record Result(long runId, RunStatus status, List<ObjectSummary> objects, List<String> failedSteps) {
    }

    public Result run(String command) {
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
        for (AfterSyncStep step : steps) {
            try {
                step.run(runId);
            } catch (RuntimeException e) {
                log.error("{} failed: {}", step.name(), e.getMessage(), e);
                failed.add(step.name());
            }
        }
        RunStatus status = status(objects, failed);
        runs.finish(runId, status);
        return new Result(runId, status, objects, failed);
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
