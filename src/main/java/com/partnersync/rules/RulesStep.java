package com.partnersync.rules;

import com.partnersync.sync.AfterSyncStep;
import org.springframework.stereotype.Component;

/** Re-applies the partner-program rules after every sync and lead dedup (100, whose credit decides leads delivered), before write-back (300). */
@Component
public class RulesStep implements AfterSyncStep {
    private final RulesService rules;

    public RulesStep(RulesService rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public void run(long runId) {
        rules.runAll(runId);
    }
}
