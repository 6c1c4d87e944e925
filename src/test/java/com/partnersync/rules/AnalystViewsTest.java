package com.partnersync.rules;

import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The analyst views over the hand-built program in partner-program.sql after the rules ran on 2026-03-16. */
class AnalystViewsTest {
    private static final JdbcTemplate jdbc = TestDatabase.jdbc();

    @BeforeAll
    static void applyRules() {
        RulesServiceTest.loadPartnerProgram();
        RulesServiceTest.rulesAt(RulesServiceTest.TODAY).runAll();
    }

    private static String row(String sql, Object... args) {
        Map<String, Object> row = jdbc.queryForMap(sql, args);
        return String.join("|", row.values().stream().map(String::valueOf).toList());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
            // pipeline sourced|influenced; revenue sourced|influenced|net; closed|won; win rate|solo|delta; cycle|solo|delta
            "P1; Enterprise; 150000.00|0|150000.00|0|135000.00|1|1|1.0000|null|null|24.0|null|null",
            "P2; SMB;        600000.00|0|600000.00|0|570000.00|1|1|1.0000|0.0000|1.0000|36.0|null|null",
            "P3; Enterprise; 0|150000.00|0|150000.00|0.00|1|1|1.0000|null|null|24.0|null|null",
            "P3; Mid-Market; 0|80000.00|0|0|0.00|0|0|null|1.0000|null|null|50.0|null",
    })
    void scorecardShowsSourcedAndInfluencedPipelineAndRevenueAgainstSoloDeals(String partner, String segment, String expected) {
        assertThat(row("""
                select sourced_pipeline, influenced_pipeline, sourced_revenue, influenced_revenue, sourced_net_revenue,
                       deals_closed, deals_won, win_rate, solo_win_rate, win_rate_delta, avg_cycle_days, solo_avg_cycle_days,
                       cycle_days_delta
                from v_partner_scorecard_quarterly where quarter = '2026-01-01' and partner_id = ? and segment = ?""",
                partner, segment)).isEqualTo(expected);
    }

    @Test
    void scorecardHasOneRowPerPartnerSegmentAndQuarterWithDeals() {
        assertThat(jdbc.queryForObject("select count(*) from v_partner_scorecard_quarterly", Integer.class)).isEqualTo(4);
    }

    @ParameterizedTest(name = "week {0} {1}")
    @CsvSource(delimiter = ';', value = {
            // new regs|valid|invalid; open deals|pipeline|avg age|aging by stage; days since touch; joint; next steps; private offers
            "2026-02-23; P3; 1|0|1|0|0|null|null|null|0|0|0",
            "2026-03-02; P3; 0|0|0|1|80000.00|6.0|Negotiation: 1 open, 6 days avg age|3|1|0|1",
            "2026-03-09; P3; 1|1|0|1|80000.00|13.0|Negotiation: 1 open, 13 days avg age|10|0|0|1",
            "2026-03-16; P3; 0|0|0|1|80000.00|20.0|Negotiation: 1 open, 20 days avg age|17|0|1|1",
            "2026-03-16; P1; 0|0|0|0|0|null|null|12|0|1|0",
            "2026-02-16; P1; 0|0|0|1|150000.00|17.0|closed since: 1 open, 17 days avg age|2|0|0|0",
    })
    void cosellPipelineShowsRegistrationsAgingTouchesAndNextStepsPerWeek(String week, String partner, String expected) {
        assertThat(row("""
                select new_deal_regs, new_deal_regs_valid, new_deal_regs_invalid, open_deals, open_pipeline, avg_open_age_days,
                       aging_by_stage, days_since_last_touch, joint_meetings_booked, next_steps_due, private_offers_in_flight
                from v_cosell_pipeline_weekly where week_start = ?::date and partner_id = ?""", week, partner)).isEqualTo(expected);
    }

    @Test
    void cosellPipelineLeavesOutWeeksWithoutAnythingForThePartner() {
        assertThat(jdbc.queryForObject("select count(*) from v_cosell_pipeline_weekly where partner_id = 'MKT'", Integer.class)).isZero();
    }

    @ParameterizedTest(name = "a mistyped {0} {1}")
    @CsvSource({"activity date, 2206-03-05", "activity date, 1906-03-05", "next step date, 2206-03-05"})
    void aMistypedYearNeitherExplodesNorHidesTheWeeks(String field, String date) throws Exception {
        try (var c = TestDatabase.dataSource().getConnection(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(field.equals("activity date")
                    ? "insert into activity (source_system, source_id, activity_type, occurred_at, partner_id) values ('salesforce', 'typo', 'call', '" + date + " 10:00Z', 'P1')"
                    : "update activity set next_step_date = '" + date + "' where source_id = '00T1'");
            var weeks = s.executeQuery("select count(distinct week_start), count(*) filter (where week_start = '2026-03-16') from v_cosell_pipeline_weekly");
            weeks.next();
            assertThat(weeks.getInt(1)).isLessThan(160);
            assertThat(weeks.getInt(2)).isEqualTo(2);
            c.rollback();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // as of|partners|active|revenue|per active partner|win rate with|without|cycle with|without
            "2025-10-01; 2025-12-31|4|1|0|0.00|null|null|null|null",
            "2026-01-01; 2026-03-31|4|4|800000.00|200000.00|1.0000|0.5000|32.0|50.0",
    })
    void programHealthShowsActivePartnersRevenueWinRateAndCycle(String quarter, String expected) {
        assertThat(row("""
                select as_of_date, partners, active_partners, partner_revenue, revenue_per_active_partner, win_rate_with_partner,
                       win_rate_without_partner, sales_cycle_days_with_partner, sales_cycle_days_without_partner
                from v_program_health where quarter = ?::date and program = 'core'""", quarter)).isEqualTo(expected);
    }
}
