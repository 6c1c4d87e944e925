package com.partnersync.app;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sync --once --full}: every object is read from the start, HubSpot full loads in progress included. */
class SyncFullCommandTest {
    private final JdbcTemplate jdbc = TestDatabase.jdbc();

    @Test
    void forgetsEveryCheckpointAndEveryHubSpotListCursor() {
        TestDatabase.truncateAll();
        jdbc.update("""
                insert into sync_checkpoint (source_system, object, last_modified_at, last_id)
                values ('salesforce', 'Opportunity', now(), '0065g0000000001AAA'), ('hubspot', 'deals', now(), '42')""");
        jdbc.update("insert into hubspot_list_cursor (object, after, started_at) values ('companies', '300', now())");

        new CommandHandlers(TestDatabase.dataSource(), null, null, null, null, null).resetCheckpoints();

        assertThat(jdbc.queryForObject("select count(*) from sync_checkpoint", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from hubspot_list_cursor", Long.class)).isZero();
    }
}
