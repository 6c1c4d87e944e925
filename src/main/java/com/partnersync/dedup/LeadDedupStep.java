package com.partnersync.dedup;

import com.partnersync.sync.AfterSyncStep;
import org.springframework.stereotype.Component;

/** After every cycle's sources, before the rules (which count leads by dedup's credit): dedupe the leads that changed. */
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
    public void run(long runId) {
        dedup.runIncremental();
    }
}
