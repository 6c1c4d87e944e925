package com.partnersync.rules;

import com.partnersync.testsupport.TestDatabase;
import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The rules applied to the hand-built program in partner-program.sql, on the real database, "today" pinned to 2026-03-16. */
class RulesServiceTest {
    static final Instant TODAY = Instant.parse("2026-03-16T08:00:00Z");
    private final JdbcTemplate jdbc = TestDatabase.jdbc();

    static void loadPartnerProgram() {
        TestDatabase.truncateAll();
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("com/partnersync/rules/partner-program.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static RulesService rulesAt(Instant now) {
        return new RulesService(TestDatabase.dataSource(), TestSettings.defaults(RulesProperties.class).resolver(), List.of(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @BeforeEach
    void load() {
        loadPartnerProgram();
    }

    @Test
    void dealRegistrationsGetTheirStatusReasonExpiryAndAcceptanceText() {
        rulesAt(TODAY).runAll();
        assertThat(jdbc.queryForList("select deal_reg_id, status, status_reason from deal_registration order by deal_reg_id"))
                .extracting(r -> tuple(r.get("deal_reg_id"), r.get("status"), r.get("status_reason")))
                .containsExactly(
                        tuple("DR-1", "APPROVED", "valid through 2026-05-03; next meeting needed by 2026-03-31"),
                        tuple("DR-2", "CONFLICT", "account acme.com registered by partner P1 on 2026-02-01, 14 days earlier (within the 30-day protection window)"),
                        tuple("DR-3", "INVALID", "missing required fields: buyer role"),
                        tuple("DR-4", "EXPIRED", "validity window ended 2026-01-31"),
                        tuple("DR-5", "SUBMITTED", "awaiting approval"));
        Map<String, Object> r1 = jdbc.queryForMap("select * from deal_registration where deal_reg_id = 'DR-1'");
        assertThat(r1.get("acceptance_text"))
                .isEqualTo("Approved through 2026-05-03 for Acme Corp on slow invoicing. Next step: meeting on 2026-03-20.");
        assertThat(((java.sql.Timestamp) r1.get("expires_at")).toInstant()).isEqualTo(Instant.parse("2026-05-04T00:00:00Z"));
        assertThat(((java.sql.Timestamp) r1.get("next_check_at")).toInstant()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(jdbc.queryForList("""
                select d.deal_reg_id, h.old_status, h.new_status, h.decided_by from deal_registration_status_history h
                join deal_registration d on d.id = h.deal_registration_id order by d.deal_reg_id"""))
                .extracting(r -> tuple(r.get("deal_reg_id"), r.get("old_status"), r.get("new_status"), r.get("decided_by")))
                .containsExactly(tuple("DR-1", null, "APPROVED", "rules:approval"),
                        tuple("DR-2", null, "CONFLICT", "rules:protection_window"),
                        tuple("DR-3", null, "INVALID", "rules:required_fields"),
                        tuple("DR-4", null, "EXPIRED", "rules:validity_window"),
                        tuple("DR-5", null, "SUBMITTED", "rules:submitted"));
        assertThat(jdbc.queryForList("""
                select d.deal_reg_id, c.partner_id, c.credit_share, c.rule from deal_registration_credit c
                join deal_registration d on d.id = c.deal_registration_id"""))
                .extracting(r -> tuple(r.get("deal_reg_id"), r.get("partner_id"), r.get("rule")))
                .containsExactly(tuple("DR-1", "P1", "first_touch"));
    }

    @Test
    void timePassingExpiresARegistrationWithOneHistoryRow() {
        rulesAt(TODAY).runAll();
        RulesService.Changes later = rulesAt(Instant.parse("2026-04-01T06:00:00Z")).runAll();
        assertThat(later.statusHistory()).isEqualTo(1);
        assertThat(jdbc.queryForMap("""
                select h.old_status, h.new_status, h.reason, h.decided_by, h.changed_at from deal_registration_status_history h
                join deal_registration d on d.id = h.deal_registration_id
                where d.deal_reg_id = 'DR-1' and h.new_status = 'EXPIRED'"""))
                .containsEntry("old_status", "APPROVED")
                .containsEntry("reason", "no meeting logged on the account for 21 days after 2026-03-10")
                .containsEntry("decided_by", "rules:meeting_gap")
                .containsEntry("changed_at", java.sql.Timestamp.from(Instant.parse("2026-04-01T06:00:00Z")));
        assertThat(jdbc.queryForObject("select acceptance_text from deal_registration where deal_reg_id = 'DR-1'", String.class)).isNull();
    }

    @Test
    void everyOpportunityGetsOneAttributionRowAndInvolvedPartnersInfluenceRows() {
        rulesAt(TODAY).runAll();
        assertThat(jdbc.queryForList("""
                select o.source_id, a.source, a.partner_id, a.rule from opportunity_attribution a
                join opportunity o on o.id = a.opportunity_id order by o.source_id"""))
                .extracting(r -> tuple(r.get("source_id"), r.get("source"), r.get("partner_id"), r.get("rule")))
                .containsExactly(
                        tuple("006O1", "partner", "P1", "deal_registration:DR-1"),
                        tuple("006O2", "excluded", null, "fraud_excluded"),
                        tuple("006O3", "marketplace", "MKT", "marketplace_override"),
                        tuple("006O4", "paid", null, "paid_channel:google_ads"),
                        tuple("006O5", "direct", null, "direct"),
                        tuple("006O6", "partner", "P2", "deal_registration:DR-4"),
                        // created after DR-4 expired: the CRM's "partner" claim is not backed by a valid registration
                        tuple("006O7", "direct", null, "direct"),
                        tuple("006O8", "direct", null, "direct"));
        assertThat(jdbc.queryForList("""
                select o.source_id, i.partner_id, array_to_string(i.reasons, ',') as reasons from opportunity_influence i
                join opportunity o on o.id = i.opportunity_id order by o.source_id"""))
                .extracting(r -> tuple(r.get("source_id"), r.get("partner_id"), r.get("reasons")))
                .containsExactly(tuple("006O1", "P3", "joint_meeting"), tuple("006O8", "P3", "co_sell"));
    }

    @Test
    void partnersGetQuadrantAndTierPerQuarterWithTheirMoves() {
        rulesAt(TODAY).runAll();
        assertThat(jdbc.queryForList("""
                select partner_id, leads_delivered, quadrant, previous_quadrant, sourced_revenue, tier, commission_rate
                from partner_segment_history where quarter = '2026-01-01' order by partner_id"""))
                .extracting(r -> tuple(r.get("partner_id"), r.get("leads_delivered"), r.get("quadrant"), r.get("previous_quadrant"),
                        r.get("sourced_revenue").toString(), r.get("tier"), r.get("commission_rate").toString()))
                .containsExactly(
                        tuple("MKT", 0, "DEMENTOR", null, "0.00", "BRONZE", "0.1500"),
                        tuple("P1", 5, "KEY_PARTNER", "DEMENTOR", "150000.00", "SILVER", "0.2000"),
                        tuple("P2", 4, "GROWTH_HACKER", null, "600000.00", "PLATINUM", "0.2500"),
                        tuple("P3", 3, "UNPOLISHED_DIAMOND", null, "0.00", "BRONZE", "0.1500"));
        assertThat(jdbc.queryForList("select partner_id, quadrant, tier from partner order by partner_id"))
                .extracting(r -> tuple(r.get("partner_id"), r.get("quadrant"), r.get("tier")))
                .containsExactly(tuple("MKT", "DEMENTOR", "BRONZE"), tuple("P1", "KEY_PARTNER", "SILVER"),
                        tuple("P2", "GROWTH_HACKER", "PLATINUM"), tuple("P3", "UNPOLISHED_DIAMOND", "BRONZE"));
        assertThat(jdbc.queryForObject("select count(*) from partner_segment_history where quarter = '2025-10-01'", Integer.class))
                .as("last quarter's row is kept").isEqualTo(1);
    }

    @Test
    void leadsDeliveredCountEachPersonOnceAndOnlyForThePartnerDedupCredits() {
        // dedup found: P3's LP31 and LP32 are one person; P2's LP21 is P1's LP11, which P1 submitted first
        Long ownCluster = jdbc.queryForObject(
                "insert into lead_cluster (credited_partner_id) values ('P3') returning id", Long.class);
        Long sharedCluster = jdbc.queryForObject(
                "insert into lead_cluster (credited_partner_id) values ('P1') returning id", Long.class);
        jdbc.update("update lead set cluster_id = ?, credited_partner_id = 'P3' where source_id in ('LP31', 'LP32')",
                ownCluster);
        jdbc.update("update lead set cluster_id = ?, credited_partner_id = 'P1' where source_id in ('LP11', 'LP21')",
                sharedCluster);

        rulesAt(TODAY).runAll();

        assertThat(jdbc.queryForList("""
                select partner_id, leads_delivered from partner_segment_history where quarter = '2026-01-01'
                order by partner_id"""))
                .extracting(r -> tuple(r.get("partner_id"), r.get("leads_delivered")))
                .containsExactly(tuple("MKT", 0), tuple("P1", 5), tuple("P2", 3), tuple("P3", 2));
    }

    @Test
    void reRunningOnUnchangedDataChangesNoRowAndAddsNoHistory() {
        RulesService rules = rulesAt(TODAY);
        assertThat(rules.runAll().total()).isPositive();
        List<Map<String, Object>> before = snapshot();
        RulesService.Changes again = rulesAt(TODAY.plusSeconds(3600)).runAll();
        assertThat(again.total()).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aChangedInputRecomputesOnlyWhatItAffects() {
        rulesAt(TODAY).runAll();
        jdbc.update("update opportunity set fraud_flag = true where source_id = '006O5'");
        RulesService.Changes changes = rulesAt(TODAY).runAll();
        assertThat(changes.attributions()).isEqualTo(1);
        assertThat(changes.registrations() + changes.statusHistory() + changes.credits() + changes.segments()).isZero();
        assertThat(jdbc.queryForObject("""
                select a.source from opportunity_attribution a join opportunity o on o.id = a.opportunity_id
                where o.source_id = '006O5'""", String.class)).isEqualTo("excluded");
    }

    @Test
    void aRegistrationApprovedWithoutADateIsReportedByRecordAndFieldAndTheRunGoesOn() {
        jdbc.update("update deal_registration set crm_status = 'approved' where deal_reg_id = 'DR-5'");
        long runId = jdbc.queryForObject("insert into sync_run (command) values ('test') returning id", Long.class);
        rulesAt(TODAY).runAll(runId);
        assertThat(jdbc.queryForList("select run_id, source_system, object, record_id, field, message from sync_error"))
                .extracting(r -> tuple(r.get("run_id"), r.get("source_system"), r.get("object"), r.get("record_id"), r.get("field"),
                        r.get("message")))
                .containsExactly(tuple(runId, "hubspot", "deal_registration", "7005", "approved_at",
                        "approved in the CRM without an approval date; kept SUBMITTED until it has one"));
        assertThat(jdbc.queryForList("select status from deal_registration order by deal_reg_id", String.class))
                .containsExactly("APPROVED", "CONFLICT", "INVALID", "EXPIRED", "SUBMITTED");
    }

    @Test
    void concurrentRunsTakeTurnsAndRecordEachStatusChangeOnce() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> rulesAt(TODAY).runAll());
            var second = pool.submit(() -> rulesAt(TODAY).runAll());
            assertThat(first.get().statusHistory() + second.get().statusHistory()).isEqualTo(5);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("select count(*) from deal_registration_status_history", Integer.class)).isEqualTo(5);
    }

    private List<Map<String, Object>> snapshot() {
        return jdbc.queryForList("""
                select 'reg' as t, to_jsonb(d)::text as row from deal_registration d
                union all select 'hist', to_jsonb(h)::text from deal_registration_status_history h
                union all select 'credit', to_jsonb(c)::text from deal_registration_credit c
                union all select 'attr', to_jsonb(a)::text from opportunity_attribution a
                union all select 'infl', to_jsonb(i)::text from opportunity_influence i
                union all select 'seg', to_jsonb(s)::text from partner_segment_history s
                union all select 'partner', to_jsonb(p)::text from partner p
                order by 1, 2""");
    }
}
