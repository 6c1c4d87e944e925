package com.partnersync.ops;

import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;

/** Another instance in its own JVM: takes the leader lock, says so, and waits to be killed (LeaderElectionTest). */
public final class LockHolderProcess {
    private LockHolderProcess() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        LeaderLock lock = new LeaderLock(dataSource, Duration.ofSeconds(3));
        System.out.println(lock.tryAcquire() ? "LEADER" : "STANDBY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
