package com.partnersync.salesforce.cdc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Batches change events as they arrive and applies them on one thread, in stream order: a batch closes after
 * {@code window} or once it names {@code maxIds} records, and a backlog is taken whole (the applier polls an object
 * whose batch is too large to read by id). The queue is bounded: when it is full the subscriber's thread waits,
 * which stops it asking the event bus for more, so a burst costs latency, never heap.
 */
public class ChangeStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);
    private static final int MAX_BACKLOG_BATCH = 50_000;

    private final ChangeEventApplier applier;
    private final Consumer<ChangeEventApplier.Applied> afterApply;
    private final Duration window;
    private final int maxIds;
    private final BlockingQueue<ChangeEvent> queue;
    private final Thread worker;
    private volatile boolean running = true;
    private volatile long applied;
    private volatile long failures;

    public ChangeStream(ChangeEventApplier applier, Consumer<ChangeEventApplier.Applied> afterApply, Duration window,
                        int maxIds, int capacity) {
        this.applier = applier;
        this.afterApply = afterApply;
        this.window = window;
        this.maxIds = maxIds;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::run, "salesforce-change-stream");
        worker.setDaemon(true);
        worker.start();
    }

    /** Called by the subscriber for each event, in stream order; blocks while the queue is full. */
    public void accept(ChangeEvent event) throws InterruptedException {
        queue.put(event);
    }

    /** Events applied (committed with their replay id) since start. */
    public long applied() {
        return applied;
    }

    private void run() {
        while (running) {
            try {
                List<ChangeEvent> batch = nextBatch();
                if (!batch.isEmpty()) {
                    apply(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<ChangeEvent> nextBatch() throws InterruptedException {
        List<ChangeEvent> batch = new ArrayList<>();
        ChangeEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        int ids = first.recordIds().size();
        long deadline = System.nanoTime() + window.toNanos();
        while (ids < maxIds) {
            long left = deadline - System.nanoTime();
            ChangeEvent next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            ids += next.recordIds().size();
        }
        queue.drainTo(batch, MAX_BACKLOG_BATCH - batch.size());
        return batch;
    }

    /**
     * Applies a batch, retrying with backoff until it commits: the replay id only moves with the batch, so nothing is
     * skipped, and while Salesforce or the database is unavailable the queue fills and the subscriber stops asking
     * for events. Each failure is logged; the scheduled cycle goes on reading the same changes after its checkpoint.
     */
    private void apply(List<ChangeEvent> batch) throws InterruptedException {
        long backoff = 1_000;
        while (running) {
            try {
                ChangeEventApplier.Applied result = applier.apply(batch);
                applied += batch.size();
                log.info("salesforce change stream: {} events, {} inserted, {} updated, {} deleted{}", batch.size(),
                        result.counts().inserted(), result.counts().updated(), result.counts().deleted(),
                        result.polled().isEmpty() ? "" : ", polled " + result.polled());
                afterApply.accept(result);
                return;
            } catch (RuntimeException e) {
                failures++;
                log.error("salesforce change stream: a batch of {} events could not be applied ({}), retrying in {} ms",
                        batch.size(), e.getMessage(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 60_000);
            }
        }
    }

    /** Batches that failed and were retried, since start (each is also an ERROR log line). */
    public long failures() {
        return failures;
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
