package com.partnersync.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The right to be the active instance: a PostgreSQL session-level advisory lock held on one dedicated connection.
 * PostgreSQL releases it when that session ends, so a leader that exits, is killed ({@code kill -9} closes its socket)
 * or loses its host (TCP keepalives set on the session notice within {@code deadAfter}) hands the lock to the next
 * instance that asks; no lease table, no clocks to agree on.
 */
public class LeaderLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);
    /** pg_try_advisory_lock(int, int) keys: "PSYN" and 1; one connector per database. */
    static final int KEY_CLASS = 0x5053594e;
    static final int KEY_OBJECT = 1;

    private final DataSource dataSource;
    private final Duration deadAfter;
    private final String holderName;
    private Connection connection;

    public LeaderLock(DataSource dataSource, Duration deadAfter) {
        this.dataSource = dataSource;
        this.deadAfter = deadAfter;
        this.holderName = "partner-sync " + hostName() + " pid " + ProcessHandle.current().pid();
    }

    /** True when this instance holds the lock now (taken now or earlier); false when another session holds it. */
    public synchronized boolean tryAcquire() throws SQLException {
        if (connection != null) {
            return true;
        }
        Connection candidate = dataSource.getConnection();
        try {
            candidate.setAutoCommit(true);
            long seconds = Math.max(3, deadAfter.toSeconds());
            try (Statement s = candidate.createStatement()) {
                // the server drops a session whose client vanished (host down, cable cut) after idle + interval x count
                s.execute("set tcp_keepalives_idle = " + Math.max(1, seconds / 3));
                s.execute("set tcp_keepalives_interval = " + Math.max(1, seconds / 9));
                s.execute("set tcp_keepalives_count = 3");
                s.execute("set application_name = '" + holderName.replace("'", "") + "'");
            }
            boolean locked;
            try (PreparedStatement s = candidate.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                s.setInt(1, KEY_CLASS);
                s.setInt(2, KEY_OBJECT);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
            }
            if (locked) {
                connection = candidate;
                return true;
            }
            giveBack(candidate);
            return false;
        } catch (SQLException | RuntimeException e) {
            giveBack(candidate);
            throw e;
        }
    }

    /** Whether the session holding the lock is still alive (checked with a round trip); false when not held. */
    public synchronized boolean stillHeld() {
        if (connection == null) {
            return false;
        }
        try {
            return connection.isValid((int) Math.max(1, deadAfter.toSeconds() / 3));
        } catch (SQLException e) {
            return false;
        }
    }

    public synchronized boolean held() {
        return connection != null;
    }

    /** Unlocks and returns the connection (a broken one is simply closed: its session, and the lock, are gone). */
    public synchronized void release() {
        if (connection != null) {
            giveBack(connection);
            connection = null;
        }
    }

    private static void giveBack(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_unlock_all()");
            s.execute("reset all");
        } catch (SQLException e) {
            log.debug("lock connection already gone: {}", e.getMessage());
        }
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing the lock connection failed: {}", e.getMessage());
        }
    }

    /** Who holds the lock now (application name, address, since when), for messages and health; empty if nobody. */
    public Optional<String> holder() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select a.application_name, coalesce(host(a.client_addr), 'local'), a.backend_start
                     from pg_locks l join pg_stat_activity a on a.pid = l.pid
                     where l.locktype = 'advisory' and l.granted and l.classid = ?::oid and l.objid = ?::oid
                       and l.objsubid = 2""")) {
            s.setLong(1, KEY_CLASS);
            s.setLong(2, KEY_OBJECT);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(rs.getString(1) + " (from " + rs.getString(2) + ", since "
                            + rs.getTimestamp(3).toInstant() + ")");
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.of("unknown (" + e.getMessage() + ")");
        }
    }

    public String holderName() {
        return holderName;
    }

    @Override
    public void close() {
        release();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
