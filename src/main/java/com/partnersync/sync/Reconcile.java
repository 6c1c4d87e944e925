package com.partnersync.sync;

import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.Reconciliation;
import com.partnersync.warehouse.SyncRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code reconcile} command and the scheduled reconciliation: every mapped object of every configured CRM (or
 * the one named) compared with the warehouse, recorded as a sync run, and printed as a table.
 */
public class Reconcile {
    private static final Logger log = LoggerFactory.getLogger(Reconcile.class);

    private final List<SourceReconciler> sources;
    private final SyncRuns runs;

    public Reconcile(List<SourceReconciler> sources, SyncRuns runs) {
        this.sources = sources;
        this.runs = runs;
    }

    /** @param onlyObject a CRM object name (Account, deals, ...), or null for all */
    public Report run(String onlyObject) {
        long runId = runs.start(onlyObject == null ? "reconcile" : "reconcile --object " + onlyObject);
        List<SourceReconciler.Result> results = new ArrayList<>();
        boolean found = false;
        for (SourceReconciler source : sources) {
            if (!source.configured()) {
                log.info("{} not configured: not reconciled", source.sourceSystem());
                continue;
            }
            for (String object : source.objects()) {
                if (onlyObject != null && !onlyObject.equals(object)) {
                    continue;
                }
                found = true;
                SourceReconciler.Result result = source.reconcile(object, runId);
                runs.recordObject(runId, result.summary());
                runs.recordReconciliation(runId, result.summary().sourceSystem(), object, result.counts());
                results.add(result);
            }
        }
        if (onlyObject != null && !found) {
            runs.finish(runId, "FAILED");
            throw new IllegalArgumentException("no mapped object named " + onlyObject);
        }
        String status = results.stream().allMatch(r -> r.summary().status().equals("SUCCEEDED")) ? "SUCCEEDED"
                : results.stream().anyMatch(r -> r.summary().status().equals("SUCCEEDED")) ? "PARTIAL" : "FAILED";
        runs.finish(runId, status);
        return new Report(runId, status, results);
    }

    /** The printed table: per object CRM live, warehouse live, missing, extra, fixed. */
    public record Report(long runId, String status, List<SourceReconciler.Result> results) {
        public String render() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-10s %-22s %-10s %9s %14s %8s %8s %8s %9s%n",
                    "source", "object", "status", "crm live", "warehouse live", "missing", "extra", "fixed", "api-calls"));
            for (SourceReconciler.Result r : results) {
                ObjectSummary s = r.summary();
                Reconciliation.Counts c = r.counts();
                out.append(String.format(Locale.ROOT, "%-10s %-22s %-10s %9d %14d %8d %8d %8d %9d%n", s.sourceSystem(),
                        s.object(), s.status(), c.crmLive(), c.warehouseLive(), c.missing(), c.extra(), c.fixed(),
                        s.apiCalls()));
                if (s.message() != null) {
                    out.append("  ").append(s.message()).append('\n');
                }
            }
            return out.append("run ").append(runId).append(": ").append(status).append('\n').toString();
        }
    }
}
