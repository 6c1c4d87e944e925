package com.partnersync.writeback;

import com.partnersync.warehouse.RunStatus;
import com.partnersync.warehouse.ObjectSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one drain did, per CRM object. */
public class DrainReport {
    /** Counts for one CRM object. */
    public static final class ObjectReport {
        private final String sourceSystem;
        private final String crmObject;
        private final String object;
        int calls;
        int written;
        int failed;
        int retried;
        int noop;
        int skipped;
        int reconciled;

        ObjectReport(String sourceSystem, String crmObject) {
            this.sourceSystem = sourceSystem;
            this.crmObject = crmObject;
            this.object = sourceSystem + " " + crmObject;
        }

        /** As a line of the run history (sync_run_object), object named {@code writeback <CRM object>}. */
        public ObjectSummary summary(boolean paused) {
            return new ObjectSummary(sourceSystem, "writeback " + crmObject, paused ? RunStatus.PAUSED_LIMIT : RunStatus.SUCCEEDED,
                    written + failed + retried + noop + skipped + reconciled, 0, written + reconciled, 0, failed, calls, 0,
                    failed > 0 ? failed + " records refused by the CRM: see writeback_errors" : null);
        }

        public String object() {
            return object;
        }

        public int calls() {
            return calls;
        }

        public int written() {
            return written;
        }

        public int failed() {
            return failed;
        }

        public int retried() {
            return retried;
        }

        public int noop() {
            return noop;
        }

        public int reconciled() {
            return reconciled;
        }

        @Override
        public String toString() {
            return "%s: %d calls, %d written, %d failed, %d to retry, %d unchanged, %d skipped, %d settled after a crash"
                    .formatted(object, calls, written, failed, retried, noop, skipped, reconciled);
        }
    }

    private final Map<String, ObjectReport> objects = new LinkedHashMap<>();
    private String pausedMessage;
    private boolean busy;

    ObjectReport object(WritebackMapping mapping) {
        return objects.computeIfAbsent(mapping.describe(), k -> new ObjectReport(mapping.sourceSystem(), mapping.crmObject()));
    }

    void pausedLimit(String message) {
        this.pausedMessage = message;
    }

    void markBusy() {
        this.busy = true;
    }

    /** True when another drain held the lock, so this one did nothing. */
    public boolean busy() {
        return busy;
    }

    public List<ObjectReport> objects() {
        return new ArrayList<>(objects.values());
    }

    public ObjectReport object(String sourceSystem, String crmObject) {
        return objects.getOrDefault(sourceSystem + " " + crmObject, new ObjectReport(sourceSystem, crmObject));
    }

    public int calls() {
        return objects.values().stream().mapToInt(ObjectReport::calls).sum();
    }

    /** True when an API budget ran out; the rest stays queued for the next drain. */
    public boolean pausedLimit() {
        return pausedMessage != null;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        objects.values().forEach(o -> out.append(o).append('\n'));
        if (pausedMessage != null) {
            out.append("paused: ").append(pausedMessage).append('\n');
        }
        if (busy) {
            out.append("skipped: another drain was running\n");
        }
        return out.toString();
    }
}
