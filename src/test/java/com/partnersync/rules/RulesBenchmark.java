package com.partnersync.rules;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;

/**
 * mvn -B -Pbench test -Dtest=RulesBenchmark [-Dbench.n=200000]: the full rules run over n opportunities, n/10 deal
 * registrations, n/2 activities, n/4 leads and 500 partners; then an unchanged re-run and a re-run after 1% of the
 * opportunities changed. Prints times and rates, asserts nothing about them.
 */
@Tag("bench")
class RulesBenchmark {
    @Test
    void rulesRunOverAGeneratedProgram() {
        int n = Integer.getInteger("bench.n", 200_000);
        JdbcTemplate jdbc = TestDatabase.jdbc();
        TestDatabase.truncateAll();
        jdbc.update("""
                insert into partner (source_system, source_id, partner_id, program, market_relevance)
                select 'salesforce', 'P' || g, 'P' || g, case when g % 5 = 0 then 'strategic' else 'core' end, g % 100
                from generate_series(1, 500) g""");
        jdbc.update("""
                insert into account (source_system, source_id, name, domain, segment)
                select 'salesforce', 'A' || g, 'Account ' || g, 'acct' || g || '.com', (array['SMB','Mid-Market','Enterprise'])[1 + g % 3]
                from generate_series(1, ?) g""", n / 5);
        jdbc.update("""
                insert into deal_registration (source_system, source_id, deal_reg_id, partner_id, account_name, account_url,
                    account_domain, account_source_id, buyer_role, problem_statement, next_meeting_date, submitted_at, approved_at, crm_status)
                select 'salesforce', 'R' || g, 'DR-' || g, 'P' || (1 + g % 500), 'Account', 'https://acct' || (1 + g % (? / 5)) || '.com',
                    null, 'A' || (1 + g % (? / 5)), case when g % 17 = 0 then null else 'CFO' end, 'problem', date '2026-03-01',
                    timestamptz '2025-06-01' + (g % 280) * interval '1 day',
                    case when g % 3 = 0 then null else timestamptz '2025-06-02' + (g % 280) * interval '1 day' end,
                    case when g % 3 = 0 then 'submitted' else 'approved' end
                from generate_series(1, ?) g""", n, n, n / 10);
        jdbc.update("""
                insert into activity (source_system, source_id, activity_type, occurred_at, account_source_id, opportunity_source_id,
                    partner_id, joint_meeting)
                select 'salesforce', 'T' || g, (array['meeting','call','email'])[1 + g % 3],
                    timestamptz '2025-06-01' + (g % 290) * interval '1 day', 'A' || (1 + g % (? / 5)), 'O' || (1 + g % ?),
                    'P' || (1 + g % 500), g % 7 = 0
                from generate_series(1, ?) g""", n, n, n / 2);
        jdbc.update("""
                insert into opportunity (source_system, source_id, account_source_id, stage, amount, is_closed, is_won, created_date,
                    close_date, source, paid_channel, fraud_flag, partner_id, deal_reg_id, co_sell, marketplace)
                select 'salesforce', 'O' || g, 'A' || (1 + g % (? / 5)), 'Stage ' || (g % 5), 1000 + g % 90000, g % 2 = 0, g % 4 = 0,
                    date '2025-06-01' + g % 280, date '2025-07-01' + g % 280, null,
                    case when g % 11 = 0 then 'google_ads' end, g % 101 = 0, 'P' || (1 + g % 500),
                    case when g % 3 = 0 then 'DR-' || (1 + g % (? / 10)) end, g % 9 = 0, g % 53 = 0
                from generate_series(1, ?) g""", n, n, n);
        jdbc.update("""
                insert into lead (source_system, source_id, email, submitted_by_partner_id, submitted_at)
                select 'hubspot', 'L' || g, 'l' || g || '@x.com', 'P' || (1 + g % 450), timestamptz '2026-01-02' + (g % 70) * interval '1 day'
                from generate_series(1, ?) g""", n / 4);
        jdbc.execute("analyze");

        Instant today = Instant.parse("2026-03-16T08:00:00Z");
        RulesService rules = RulesServiceTest.rulesAt(today);
        long t0 = System.nanoTime();
        RulesService.Changes first = rules.runAll();
        long t1 = System.nanoTime();
        RulesService.Changes again = rules.runAll();
        long t2 = System.nanoTime();
        jdbc.update("update opportunity set fraud_flag = not coalesce(fraud_flag, false) where id % 100 = 0");
        long t3 = System.nanoTime();
        RulesService.Changes touched = rules.runAll();
        long t4 = System.nanoTime();
        System.out.printf("RulesBenchmark n=%d opportunities, %d registrations%n", n, n / 10);
        System.out.printf("  first run:      %6d ms  (%.0f opportunities/s)  %s%n", (t1 - t0) / 1_000_000, n / ((t1 - t0) / 1e9), first);
        System.out.printf("  unchanged run:  %6d ms  ratio to first %.2f  changes %d%n", (t2 - t1) / 1_000_000,
                (double) (t2 - t1) / (t1 - t0), again.total());
        System.out.printf("  1%% changed run: %6d ms  ratio to first %.2f  %s%n", (t4 - t3) / 1_000_000,
                (double) (t4 - t3) / (t1 - t0), touched);
    }
}
