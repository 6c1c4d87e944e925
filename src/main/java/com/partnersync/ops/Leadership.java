package com.partnersync.ops;

import com.partnersync.warehouse.SyncRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which instance is active. Any number of instances may run against one database; the one holding the
 * {@link LeaderLock} runs the scheduled work (sync cycles, daily rules, write-back), the others check every
 * {@code takeover-timeout / 3} whether the lock came free and take over. A leader whose lock session died stops
 * leading at its next check. One-shot commands take the same lock once ({@link #tryLead()}) and refuse to run
 * without it. What runs on its own rather than on a schedule (the Salesforce change stream) starts and stops with
 * leadership through {@link #onLeadershipGained} and {@link #onLeadershipLost}.
 *
 * <p>Whoever takes the lock first marks runs still {@code RUNNING} as {@code ABANDONED}: only a lock holder runs
 * cycles, so such a run belongs to a process that is gone.
 */
public class Leadership implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    private final LeaderLock lock;
    private final SyncRuns runs;
    private final Duration checkEvery;
    private final boolean standBy;
    private final List<Runnable> onGained = new CopyOnWriteArrayList<>();
    private final List<Runnable> onLost = new CopyOnWriteArrayList<>();
    private volatile boolean leader;
    private volatile Instant leaderSince;
    private ScheduledExecutorService checker;

    /**
     * @param takeoverTimeout how soon a standby takes over after the leader died
     * @param standBy long-running mode: keep checking and take over; one-shot commands only call {@link #tryLead()}
     */
    public Leadership(LeaderLock lock, SyncRuns runs, Duration takeoverTimeout, boolean standBy) {
        this.lock = lock;
        this.runs = runs;
        this.checkEvery = takeoverTimeout.dividedBy(3);
        this.standBy = standBy;
    }

    public boolean isLeader() {
        return leader;
    }

    public Instant leaderSince() {
        return leaderSince;
    }

    /** Who holds the lock, for messages: this instance, another one, or nobody. */
    public String holder() {
        return leader ? lock.holderName() + " (this instance)" : lock.holder().orElse("nobody");
    }

    /** Called (on the checker thread) when this instance stops leading while running, so work in flight can stop. */
    public void onLeadershipLost(Runnable action) {
        onLost.add(action);
    }

    /**
     * Called whenever this instance becomes the active one, and at once if it already is: what only the active
     * instance may run (the change streams) starts here. Runs on the thread that took the lock, before any other
     * leadership change, so a start and the stop that {@link #onLeadershipLost} pairs with it never overtake.
     */
    public synchronized void onLeadershipGained(Runnable action) {
        onGained.add(action);
        if (leader) {
            run(action);
        }
    }

    /** Becomes the active instance if no other is; true if this instance is (now) the active one. */
    public synchronized boolean tryLead() {
        if (leader) {
            return true;
        }
        try {
            if (!lock.tryAcquire()) {
                return false;
            }
        } catch (SQLException e) {
            log.warn("could not ask the database for leadership: {}", e.getMessage());
            return false;
        }
        int abandoned = runs.abandonRunning();
        leaderSince = Instant.now();
        leader = true;
        log.info("this instance ({}) is the active instance{}", lock.holderName(),
                abandoned == 0 ? "" : "; " + abandoned + " run(s) left RUNNING by a stopped instance marked ABANDONED");
        onGained.forEach(Leadership::run);
        return true;
    }

    private synchronized void check() {
        if (leader && !lock.stillHeld()) {
            leader = false;
            lock.release();
            log.error("lost the connection holding leadership; this instance stands by (another may take over)");
            onLost.forEach(Leadership::run);
        }
        if (!leader && tryLead()) {
            return;
        }
        if (!leader) {
            log.debug("standing by: {} is active", holder());
        }
    }

    /** One hook failing neither stops the others nor the leadership change. */
    private static void run(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            log.error("what runs on a leadership change failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        if (!standBy) {
            return;
        }
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "leadership");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("leadership check failed: {}", e.getMessage());
            }
        }, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        if (!tryLead()) {
            log.info("standing by: {} is the active instance; checking every {} s", holder(), checkEvery.toSeconds());
        }
    }

    /** Releases leadership last (after Camel stopped the routes), so a standby takes over at once. */
    @Override
    public synchronized void stop() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
        if (leader) {
            log.info("releasing leadership");
        }
        leader = false;
        lock.release();
    }

    @Override
    public boolean isRunning() {
        return checker != null || leader;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
