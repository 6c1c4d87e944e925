package com.partnersync.dedup;

import com.partnersync.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * For dedup tests that run dedup hundreds of times: one connection for the tests and the runs (as a pool would give;
 * a new PostgreSQL connection per statement costs more than a small dedup run), and emptying only dedup's tables
 * (emptying every table of the schema costs more than a small dedup run too). Test classes run one at a time.
 */
final class DedupTestDatabase {
    private static SingleConnectionDataSource connection;

    private DedupTestDatabase() {
    }

    /** One connection for the test JVM, closed with it. */
    static synchronized SingleConnectionDataSource connection() {
        if (connection == null) {
            connection = new SingleConnectionDataSource(TestDatabase.jdbcUrl(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(connection::destroy));
        }
        return connection;
    }

    static void empty(JdbcTemplate jdbc) {
        jdbc.execute("truncate lead, lead_cluster, lead_duplicate_event, lead_match_key, lead_match_evidence, "
                + "lead_match_review, writeback_outbox cascade");
    }
}
