package com.partnersync.writeback;

import com.partnersync.app.AfterSyncStep;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** After rules (100) and dedup (200): send what they changed to the CRMs. */
@Component
public class WritebackStep implements AfterSyncStep {
    private static final Logger log = LoggerFactory.getLogger(WritebackStep.class);

    private final ProducerTemplate producer;
    private final WritebackProperties properties;

    public WritebackStep(ProducerTemplate producer, WritebackProperties properties) {
        this.producer = producer;
        this.properties = properties;
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
        producer.requestBody(WritebackRoutes.DRAIN, runId, DrainReport.class);
    }
}
