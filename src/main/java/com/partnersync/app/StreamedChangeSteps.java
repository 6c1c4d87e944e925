package com.partnersync.app;

import com.partnersync.ops.Leadership;
import com.partnersync.sync.StreamedChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the after-sync steps (lead dedup, rules, write-back) {@code partner-sync.stream.debounce} after a stream
 * committed changes, once for every change committed meanwhile: a burst of events costs one run, and a partner sees
 * a registration's status on the CRM record seconds after submitting it. Changes committed while the steps run start
 * another run after them. The steps re-read the warehouse, so whatever the streams committed is included. Like the
 * streams, they run on the active instance only.
 */
@Component
@EnableConfigurationProperties(StreamProperties.class)
public class StreamedChangeSteps implements StreamedChanges, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamedChangeSteps.class);

    private final SyncCycle cycle;
    private final Leadership leadership;
    private final Duration debounce;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "streamed-change-steps");
        thread.setDaemon(true);
        return thread;
    });

    public StreamedChangeSteps(SyncCycle cycle, Leadership leadership, StreamProperties properties) {
        this.cycle = cycle;
        this.leadership = leadership;
        this.debounce = properties.debounce();
    }

    @Override
    public void committed(String sourceSystem) {
        if (pending.compareAndSet(false, true)) {
            timer.schedule(this::run, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        pending.set(false);
        if (!leadership.isLeader()) {
            // leadership was lost since the change was committed: write-back must run on one instance only
            log.warn("streamed changes: this instance is no longer the active one; the active instance's next cycle "
                    + "runs dedup, rules and write-back");
            return;
        }
        try {
            SyncCycle.Result result = cycle.runSteps("stream");
            log.info("streamed changes: dedup, rules and write-back run {}: {}", result.runId(), result.status());
        } catch (RuntimeException e) {
            log.error("streamed changes: the after-sync steps failed; the next cycle runs them: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
