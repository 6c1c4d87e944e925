package com.partnersync.sync;

import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.Reconciliation;

import java.util.List;

/**
 * One CRM's side of {@code reconcile}: reads every live id of an object in the cheapest way the CRM offers, soft-deletes
 * warehouse rows the CRM no longer has (purged) and loads records the warehouse is missing.
 */
public interface SourceReconciler {
    String sourceSystem();

    boolean configured();

    /** The mapped objects, in sync order. */
    List<String> objects();

    Result reconcile(String object, long runId);

    /** What the object's reconciliation did: the run summary (status, API calls, seconds) and its table. */
    record Result(ObjectSummary summary, Reconciliation.Counts counts) {
    }
}
