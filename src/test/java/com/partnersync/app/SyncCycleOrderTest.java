package com.partnersync.app;

import com.partnersync.dedup.LeadDedupStep;
import com.partnersync.ops.GracefulStop;
import com.partnersync.rules.RulesStep;
import com.partnersync.sync.SourceSystemSync;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.SyncRuns;
import com.partnersync.writeback.WritebackStep;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The cycle's order as the application wires it: sources, then lead dedup, then the rules, then write-back. */
class SyncCycleOrderTest {
    @Test
    void sourcesThenLeadDedupThenRulesThenWriteback() {
        SourceSystemSync source = mock(SourceSystemSync.class);
        when(source.configured()).thenReturn(true);
        when(source.syncAll(eq(7L), any())).thenReturn(List.<ObjectSummary>of());
        LeadDedupStep dedup = mock(LeadDedupStep.class);
        RulesStep rules = mock(RulesStep.class);
        WritebackStep writeback = mock(WritebackStep.class);
        SyncRuns runs = mock(SyncRuns.class);
        when(runs.start(anyString())).thenReturn(7L);

        SyncCycle.Result result = new SyncCycle(List.of(source), dedup, rules, writeback, runs,
                new GracefulStop(Duration.ZERO)).run("sync --once");

        InOrder order = inOrder(source, dedup, rules, writeback);
        order.verify(source).syncAll(eq(7L), any());
        order.verify(dedup).run(7L);
        order.verify(rules).run(7L);
        order.verify(writeback).run(7L);
        assertThat(result.failedSteps()).isEmpty();
    }
}
