package com.partnersync.ops;

import com.partnersync.sync.RunInterruptedException;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageListener;
import com.partnersync.warehouse.RunListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stopping a run cleanly. When the application is closed (SIGTERM runs Spring's shutdown hook) the run in progress
 * stops before its next page commit ({@link #beforeCommit}, called by the warehouse writer) or at once while it waits
 * between pages for a Bulk API job ({@link #pause}), skips its remaining steps and is
 * recorded INTERRUPTED; closing waits for that (at most {@code wait}) before Camel, leadership and the database pool
 * are stopped. Losing leadership stops the run in progress the same way, without closing anything.
 */
public class GracefulStop implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware, Ordered, RunListener,
        PageListener {
    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final Duration wait;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private volatile boolean runStopped;
    private ApplicationContext context;

    public GracefulStop(Duration wait) {
        this.wait = wait;
    }

    /** True once the run in progress should stop. */
    public boolean requested() {
        return closing || runStopped;
    }

    /** Before each page commit: throws {@link RunInterruptedException} when the run should stop. */
    @Override
    public void beforeCommit(PageCommit page) {
        throwIfRequested();
    }

    private void throwIfRequested() {
        if (requested()) {
            throw new RunInterruptedException();
        }
    }

    /** Between pages (a Bulk API job running): waits until {@code time} is up or the run should stop, then throws. */
    @Override
    public boolean pause(Duration time) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        synchronized (this) {
            while (!requested() && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        throwIfRequested();
        return true;
    }

    /** True once the application is closing: no new run should start. */
    public boolean closing() {
        return closing;
    }

    /** Stops the run in progress (this instance is no longer the active one); the next run starts normally. */
    public void stopCurrentRun() {
        if (!running.isEmpty()) {
            runStopped = true;
            log.warn("stopping the run in progress after its current page");
            wakePauses();
        }
    }

    private synchronized void wakePauses() {
        notifyAll();
    }

    @Override
    public void started(long runId, String command) {
        runStopped = false;
        running.add(runId);
    }

    @Override
    public void finished(long runId, String status) {
        running.remove(runId);
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // the management server's own context
        }
        closing = true;
        if (running.isEmpty()) {
            return;
        }
        wakePauses();
        log.warn("shutting down: run {} stops after its current page and is recorded INTERRUPTED", running);
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (!running.isEmpty() && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!running.isEmpty()) {
            log.error("run {} did not stop within {} s; it will be marked ABANDONED by the next active instance",
                    running, wait.toSeconds());
        }
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.context = applicationContext;
    }

    /** Before Camel's own listener, so the run is already stopping when Camel waits for its in-flight exchanges. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
