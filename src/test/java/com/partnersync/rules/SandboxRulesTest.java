package com.partnersync.rules;

import com.partnersync.sandbox.RecordRef;
import com.partnersync.sandbox.SandboxDataset;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules and views on the sandbox's generated CRM data, loaded through the shipped mappings and the warehouse writer
 * (HubSpot associations added the way the HubSpot source adds them). Checks invariants, not hand-computed numbers.
 */
class SandboxRulesTest {
    /** The default sandbox, as the sandbox command builds it today: the views' "today" is the database's. */
    private static final SandboxDataset DATASET = SandboxDataset.builder()
            .asOf(Instant.now().truncatedTo(ChronoUnit.DAYS)).build();
    private static final JdbcTemplate jdbc = TestDatabase.jdbc();
    private static final LocalDate TODAY = LocalDate.ofInstant(DATASET.asOf(), ZoneOffset.UTC);
    private static RulesService.Changes firstRun;

    @BeforeAll
    static void loadSandboxAndApplyRules() {
        SandboxWarehouse.load(DATASET);
        firstRun = RulesServiceTest.rulesAt(DATASET.asOf()).runAll();
    }

    @Test
    void theSandboxLoadsRecordsTheRulesDecideOn() {
        assertThat(firstRun.attributions()).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from deal_registration where not deleted", Integer.class)).isPositive();
    }

    @Test
    void everyLiveOpportunityHasExactlyOneAttribution() {
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity o left join opportunity_attribution a on a.opportunity_id = o.id
                where not o.deleted and a.opportunity_id is null""", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity_attribution a join opportunity o on o.id = a.opportunity_id where o.deleted""",
                Integer.class)).isZero();
    }

    @Test
    void everyLiveRegistrationHasAStatusWithItsHistoryAndOnlyApprovedOnesAnAcceptanceText() {
        assertThat(jdbc.queryForObject("""
                select count(*) from deal_registration d where not deleted and (status is null or status_reason is null
                   or not exists (select 1 from deal_registration_status_history h
                                  where h.deal_registration_id = d.id and h.new_status = d.status))""", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from deal_registration where not deleted
                  and (status = 'APPROVED') <> (acceptance_text is not null)""", Integer.class)).isZero();
    }

    @Test
    void everyPartnerHasATierAndAQuadrant() {
        assertThat(jdbc.queryForObject("select count(*) from partner where not deleted and (tier is null or quadrant is null)",
                Integer.class)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v_partner_scorecard_quarterly", "v_cosell_pipeline_weekly", "v_program_health"})
    void theViewsReturnRowsOnSandboxData(String view) {
        assertThat(jdbc.queryForObject("select count(*) from " + view, Integer.class)).isPositive();
    }

    @Test
    void theScorecardsSourcedRevenueAddsUpToTheAttribution() {
        assertThat(jdbc.queryForObject("select coalesce(sum(sourced_revenue), 0) from v_partner_scorecard_quarterly",
                java.math.BigDecimal.class)).isEqualByComparingTo(jdbc.queryForObject("""
                select coalesce(sum(o.amount), 0) from opportunity_attribution a join opportunity o on o.id = a.opportunity_id
                where a.source = 'partner' and o.is_won and o.is_closed and o.close_date is not null""", java.math.BigDecimal.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "DR-S001 | APPROVED  | approval",
            "DR-S002 | APPROVED  | approval",
            "DR-S003 | INVALID   | missing required fields: account URL",
            "DR-S004 | INVALID   | missing required fields: buyer role",
            "DR-S005 | INVALID   | missing required fields: problem statement",
            "DR-S006 | INVALID   | missing required fields: next meeting date",
            "DR-S007 | INVALID   | missing required fields: account URL, buyer role, problem statement, next meeting date",
            "DR-S008 | EXPIRED   | validity window ended",
            "DR-S009 | EXPIRED   | no meeting logged on the account for 21 days after",
            "DR-S010 | APPROVED  | approval",
            "DR-S011 | CONFLICT  | registered by partner P-005",
            "DR-S012 | APPROVED  | approval",
            "DR-S013 | CONFLICT  | registered by partner P-006",
            "DR-S014 | REJECTED  | rejected in the CRM",
    })
    void plantedDealRegistrationScenariosGetTheirStatus(String dealRegId, String status, String reasonOrRule) {
        Map<String, Object> row = jdbc.queryForMap("""
                select d.status, d.status_reason, h.decided_by from deal_registration d
                join deal_registration_status_history h on h.deal_registration_id = d.id and h.new_status = d.status
                where d.deal_reg_id = ?""", dealRegId);
        assertThat(row.get("status")).isEqualTo(status);
        assertThat(row.get("status_reason") + " " + row.get("decided_by")).contains(reasonOrRule);
    }

    @ParameterizedTest(name = "conflict on {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "DR-S011 | DR-S010:P-005:first_touch:1",
            "DR-S013 | DR-S012:P-006:split:0.5 DR-S013:P-008:split:0.5",
    })
    void plantedConflictsCreditTheFirstPartnerOnlyWithEvidencedDiscovery(String conflicting, String expected) {
        assertThat(jdbc.queryForList("""
                select r.deal_reg_id || ':' || c.partner_id || ':' || c.rule || ':' || trim_scale(c.credit_share) as credit
                from deal_registration_credit c join deal_registration r on r.id = c.deal_registration_id
                join deal_registration x on x.id = c.conflict_registration_id
                where x.deal_reg_id = ? order by r.deal_reg_id""", String.class, conflicting))
                .containsExactly(expected.split(" "));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "attribution/direct                   | direct      |       | ",
            "attribution/partner-sourced          | partner     | P-002 | ",
            "attribution/paid                     | paid        |       | ",
            "attribution/marketplace-private-offer | marketplace | P-009 | ",
            "attribution/fraud-flagged            | excluded    |       | ",
            "attribution/influence                | direct      |       | P-004",
            "attribution/co-sell                  | direct      |       | P-005",
    })
    void plantedAttributionScenariosGetTheirSource(String scenario, String source, String partner, String influencer) {
        RecordRef ref = DATASET.scenarios().get(scenario).get(0);
        Map<String, Object> row = jdbc.queryForMap("""
                select a.source, a.partner_id, (select string_agg(i.partner_id, ',') from opportunity_influence i
                                               where i.opportunity_id = o.id) as influencers
                from opportunity o join opportunity_attribution a on a.opportunity_id = o.id
                where o.source_system = 'salesforce' and o.source_id = ?""", ref.id());
        assertThat(row.get("source")).isEqualTo(source);
        assertThat(row.get("partner_id")).isEqualTo(partner);
        if (influencer != null) {
            assertThat(row.get("influencers")).isEqualTo(influencer);
        }
    }

    @Test
    void reRunningOnTheSandboxChangesNothing() {
        assertThat(RulesServiceTest.rulesAt(DATASET.asOf()).runAll().total()).isZero();
    }

    // ---- the partner program's story (issue 16): targets on the default sandbox

    @Test
    void partnerSourcedOpportunitiesAreFifteenToThirtyPercentOfAll() {
        double share = jdbc.queryForObject("""
                select avg(case when a.source = 'partner' then 1.0 else 0 end) from opportunity_attribution a
                join opportunity o on o.id = a.opportunity_id where not o.deleted""", Double.class);
        assertThat(share).isBetween(0.15, 0.30);
    }

    @Test
    void sourcedDealsAreLinkedBothWaysInSalesforceAndByDealRegIdInHubSpot() {
        // the registration's opportunity lookup and the opportunity's deal-reg id name each other
        assertThat(jdbc.queryForObject("""
                select count(*) from deal_registration r join opportunity o
                  on o.source_system = r.source_system and o.source_id = r.opportunity_source_id and o.deal_reg_id = r.deal_reg_id
                where r.source_system = 'salesforce'""", Integer.class)).isGreaterThan(100);
        assertThat(jdbc.queryForObject("""
                select count(*) from opportunity_attribution a join opportunity o on o.id = a.opportunity_id
                where a.source = 'partner' and o.source_system = 'hubspot'""", Integer.class)).isGreaterThan(100);
    }

    @Test
    void wonPartnerRevenueSpreadsPartnersOverAllFourTiersAndEveryCommissionBracket() {
        String quarter = "date_trunc('quarter', current_date)::date";
        assertThat(jdbc.queryForList("select distinct tier from partner_segment_history where quarter = " + quarter, String.class))
                .containsExactlyInAnyOrder("PLATINUM", "GOLD", "SILVER", "BRONZE");
        assertThat(jdbc.queryForList("""
                select distinct commission_rate::text from partner_segment_history
                where quarter = %s and sourced_revenue > 0""".formatted(quarter), String.class))
                .containsExactlyInAnyOrder("0.1500", "0.2000", "0.2500");
    }

    @Test
    void partnersMoveBetweenQuadrantsAndTiersFromQuarterToQuarterOverSixQuarters() {
        assertThat(jdbc.queryForObject("select count(distinct quarter) from partner_segment_history", Integer.class))
                .isEqualTo(RulesService.HISTORY_QUARTERS);
        assertThat(jdbc.queryForObject("""
                select count(*) from partner_segment_history
                where previous_quadrant is not null and quadrant <> previous_quadrant""", Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("""
                select count(*) from partner_segment_history
                where previous_tier is not null and tier <> previous_tier""", Integer.class)).isPositive();
    }

    @Test
    void registrationsAreMostlyApprovedOrExpiredWithEveryOtherStatusPresent() {
        Map<String, Long> statuses = new java.util.HashMap<>();
        jdbc.query("select status, count(*) from deal_registration where not deleted group by 1",
                rs -> {
                    statuses.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(statuses).containsOnlyKeys("SUBMITTED", "APPROVED", "EXPIRED", "INVALID", "CONFLICT", "REJECTED");
        long all = statuses.values().stream().mapToLong(Long::longValue).sum();
        assertThat(statuses.get("APPROVED") + statuses.get("EXPIRED")).isGreaterThan(all * 7 / 10);
        assertThat(statuses.get("APPROVED")).isGreaterThan(statuses.get("CONFLICT"));
    }

    @Test
    void coSellAndJointMeetingsCreateInfluence() {
        assertThat(jdbc.queryForList("select distinct unnest(reasons) from opportunity_influence", String.class))
                .contains("joint_meeting", "co_sell", "influence_flag");
    }

    @ParameterizedTest
    @CsvSource({"v_program_health, quarter, quarter", "v_partner_scorecard_quarterly, quarter, quarter",
            "v_cosell_pipeline_weekly, week_start, week"})
    void theViewsShowNoPeriodThatHasNotStarted(String view, String column, String period) {
        assertThat(jdbc.queryForObject("select count(*) from %s where %s > date_trunc('%s', current_date)"
                .formatted(view, column, period), Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select max(%s) from %s".formatted(column, view), java.sql.Date.class).toLocalDate())
                .isAfterOrEqualTo(period.equals("week") ? TODAY.with(java.time.DayOfWeek.MONDAY) : quarterOf(TODAY).minusMonths(3));
    }

    @Test
    void theAnalystsGuideQueriesRunAsTheReaderAndItsDashboardsCoverTheLastFourQuarters() throws Exception {
        Matcher blocks = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("docs/analysts.md")));
        LocalDate current = quarterOf(TODAY);
        int dashboards = 0;
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            JdbcTemplate reader = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            // as the role BI tools log in with: the guide must only use what it may read
            reader.execute("set local role partner_sync_reader");
            while (blocks.find()) {
                dashboards += checkGuideQuery(reader, blocks.group(1), current);
            }
            connection.rollback();
        }
        assertThat(dashboards).isEqualTo(3);
    }

    /** Runs one SQL block of the guide; a dashboard's must cover the last four quarters. Returns 1 for a dashboard. */
    private static int checkGuideQuery(JdbcTemplate reader, String sql, LocalDate current) {
        List<Map<String, Object>> rows = reader.queryForList(sql);
        assertThat(rows).as(sql).isNotEmpty();
        if (!sql.startsWith("-- dashboard:")) {
            return 0;
        }
        Set<LocalDate> quarters = rows.stream()
                .map(r -> quarterOf(((java.sql.Date) r.values().iterator().next()).toLocalDate())).collect(Collectors.toSet());
        // the running quarter has rows once something happened in it (on its first day nothing has yet)
        assertThat(quarters).as(sql).containsAll(List.of(current.minusMonths(9), current.minusMonths(6), current.minusMonths(3)))
                .isSubsetOf(current.minusMonths(9), current.minusMonths(6), current.minusMonths(3), current);
        if (TODAY.isAfter(current.plusDays(6))) {
            assertThat(quarters).as(sql).contains(current);
        }
        return 1;
    }

    @Test
    void theProgramSummaryCountsThisQuartersSourcedDealsAndEveryTierQuadrantAndStatus() {
        ProgramSummary summary = ProgramSummary.of(TestDatabase.dataSource(), TODAY);
        LocalDate quarter = quarterOf(TODAY);
        assertThat(summary.quarter()).isEqualTo(quarter);
        assertThat(summary.sourcedPipeline()).isEqualByComparingTo(jdbc.queryForObject("""
                select coalesce(sum(o.amount), 0) from opportunity o join opportunity_attribution a on a.opportunity_id = o.id
                where a.source = 'partner' and not o.deleted and o.created_date >= ?""", BigDecimal.class, quarter));
        assertThat(summary.sourcedRevenue()).isEqualByComparingTo(jdbc.queryForObject("""
                select coalesce(sum(o.amount), 0) from opportunity o join opportunity_attribution a on a.opportunity_id = o.id
                where a.source = 'partner' and not o.deleted and o.is_won and o.close_date >= ?""", BigDecimal.class, quarter));
        long partners = jdbc.queryForObject("select count(distinct partner_id) from partner where not deleted", Long.class);
        assertThat(summary.tiers().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(partners);
        assertThat(summary.quadrants().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(partners);
        assertThat(summary.registrations().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(jdbc.queryForObject("select count(*) from deal_registration where not deleted", Long.class));
        assertThat(summary.render()).startsWith("partner program (quarter from " + quarter + " to " + TODAY + ")")
                .contains("partner-sourced pipeline", "partner-sourced revenue", "PLATINUM", "KEY_PARTNER", "EXPIRED");
    }

    private static LocalDate quarterOf(LocalDate day) {
        return day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
    }
}
