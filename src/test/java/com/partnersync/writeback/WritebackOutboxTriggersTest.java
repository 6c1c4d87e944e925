package com.partnersync.writeback;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which changes queue a write-back: only computed columns, only when their value really changes. */
class WritebackOutboxTriggersTest {
    private final JdbcTemplate jdbc = TestDatabase.jdbc();

    @BeforeEach
    void syncedRecords() {
        TestDatabase.truncateAll();
        jdbc.execute("""
                insert into deal_registration (source_system, source_id, raw, crm_status, status) values ('salesforce', 'a0X1', '{}', 'submitted', 'SUBMITTED');
                insert into partner (source_system, source_id, raw, partner_id, name, tier) values ('hubspot', '9001', '{}', 'P-1', 'Acme', 'GOLD');
                insert into opportunity (source_system, source_id, raw, name) values ('salesforce', '006A', '{}', 'Big deal');
                insert into lead (source_system, source_id, raw, last_name) values ('salesforce', '00QA', '{}', 'Survivor'), ('hubspot', '501', '{}', 'Dupe');
                delete from writeback_outbox;
                """);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rules change a registration's status         | update deal_registration set status = 'APPROVED'                                     | deal_registration/salesforce/a0X1",
            "rules set the expiry date                    | update deal_registration set expires_at = '2027-01-01'                               | deal_registration/salesforce/a0X1",
            "rules set the acceptance text                | update deal_registration set acceptance_text = 'Approved through 2027-01-01'         | deal_registration/salesforce/a0X1",
            "rules recompute the same status              | update deal_registration set status = 'SUBMITTED'                                    | ''",
            "a sync changes only CRM-owned columns        | update deal_registration set crm_status = 'approved', raw = '{\"Status__c\":\"Approved\"}' | ''",
            "segmentation moves the partner's tier        | update partner set tier = 'PLATINUM'                                                 | partner/hubspot/9001",
            "segmentation sets the quadrant               | update partner set quadrant = 'KEY_PARTNER'                                          | partner/hubspot/9001",
            "a sync renames the partner                   | update partner set name = 'Acme Inc'                                                 | ''",
            "attribution decided                          | insert into opportunity_attribution select id, 'partner', 'P-1', 'deal_registration', now() from opportunity | opportunity/salesforce/006A",
            "dedup marks a duplicate                      | update lead set duplicate_of_lead_id = (select id from lead where source_id = '00QA') where source_id = '501' | lead/hubspot/501",
            "two changes before a drain coalesce          | update deal_registration set status = 'APPROVED'; update deal_registration set status = 'EXPIRED' | deal_registration/salesforce/a0X1",
    })
    void queues(String change, String sql, String expected) {
        jdbc.execute(sql);

        List<String> queued = jdbc.queryForList(
                "select target || '/' || source_system || '/' || source_id from writeback_outbox where status = 'PENDING'", String.class);
        assertThat(queued).containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected));
    }

    @Test
    void aRolledBackChangeQueuesNothing() {
        DataSource dataSource = TestDatabase.dataSource();
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> {
            new JdbcTemplate(dataSource).update("update partner set tier = 'SILVER'");
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("select count(*) from writeback_outbox", Integer.class)).isZero();
    }
}
