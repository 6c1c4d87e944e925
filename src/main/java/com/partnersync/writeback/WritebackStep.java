package com.partnersync.writeback;

import com.partnersync.sync.AfterSyncStep;
import com.partnersync.warehouse.SyncRuns;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** After dedup (100) and rules (200): send what they changed to the CRMs. */
@Component
public class WritebackStep implements AfterSyncStep {
    private static final Logger log = LoggerFactory.getLogger(WritebackStep.class);

    private final ProducerTemplate producer;
    private final WritebackProperties properties;
    private final SyncRuns runs;

    public WritebackStep(ProducerTemplate producer, WritebackProperties properties, SyncRuns runs) {
        this.producer = producer;
        this.properties = properties;
        this.runs = runs;
    }

    @Override
    public String name() {
        return "writeback";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public void run(long runId) {
        if (!properties.enabled()) {
            log.info("write-back disabled (partner-sync.writeback.enabled=false); changes stay queued in writeback_outbox");
            return;
        }
        DrainReport report = producer.requestBody(WritebackRoutes.DRAIN, runId, DrainReport.class);
        // objects with something queued become lines of the run history beside the source objects
        report.objects().stream().filter(o -> o.calls() > 0 || o.noop() > 0 || o.failed() > 0)
                .forEach(o -> runs.recordObject(runId, o.summary(report.pausedLimit())));
    }
}
