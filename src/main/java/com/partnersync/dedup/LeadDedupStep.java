package com.partnersync.dedup;

import com.partnersync.sync.AfterSyncStep;
import org.springframework.stereotype.Component;

/** After every sync cycle, after the rules (100) and before write-back (300): dedupe the leads that changed. */
@Component
public class LeadDedupStep implements AfterSyncStep {
    private final LeadDedup dedup;

    public LeadDedupStep(LeadDedup dedup) {
        this.dedup = dedup;
    }

    @Override
    public String name() {
        return "lead-dedup";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void run(long runId) {
        dedup.runIncremental();
    }
}
