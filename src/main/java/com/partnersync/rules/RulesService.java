package com.partnersync.rules;

import com.partnersync.mapping.RecordError;
import com.partnersync.rules.AttributionRules.Attribution;
import com.partnersync.rules.AttributionRules.Facts;
import com.partnersync.rules.DealRegistrationRules.AccountActivity;
import com.partnersync.rules.DealRegistrationRules.Decision;
import com.partnersync.rules.DealRegistrationRules.Outcome;
import com.partnersync.rules.DealRegistrationRules.Registration;
import com.partnersync.rules.SegmentationRules.PartnerFacts;
import com.partnersync.rules.SegmentationRules.Segment;
import com.partnersync.warehouse.SyncErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs every partner-program rule over the warehouse: deal-registration statuses (and their credit on conflicts), then
 * attribution (which reads the statuses), then partner quadrant and tier (which read the attribution). Each step is one
 * transaction and writes only rows whose computed values changed, so a re-run on unchanged data changes nothing.
 */
public class RulesService {
    private static final Logger log = LoggerFactory.getLogger(RulesService.class);

    /** Lower case, no scheme, no www., no port/path: the same normalization for registrations and accounts. */
    static final String NORMALIZED_DOMAIN = "nullif(regexp_replace(regexp_replace(lower(trim(%s)), '^[a-z][a-z0-9+.-]*://', ''), "
            + "'^www\\.|[:/?#].*$', '', 'g'), '')";

    private static final ComputedTable CREDIT = new ComputedTable("deal_registration_credit",
            List.of("conflict_registration_id", "deal_registration_id"), List.of("partner_id", "credit_share", "rule", "reason"));
    private static final ComputedTable ATTRIBUTION = new ComputedTable("opportunity_attribution",
            List.of("opportunity_id"), List.of("source", "partner_id", "rule"));
    private static final ComputedTable INFLUENCE = new ComputedTable("opportunity_influence",
            List.of("opportunity_id", "partner_id"), List.of("reasons"));
    private static final ComputedTable SEGMENT = new ComputedTable("partner_segment_history",
            List.of("partner_id", "quarter"), List.of("program", "leads_delivered", "leads_threshold", "market_relevance",
            "relevance_threshold", "quadrant", "previous_quadrant", "sourced_revenue", "share_ranked_above", "tier",
            "previous_tier", "commission_rate"));

    /** Quarters of segment history a new warehouse gets on its first run: the running one and the five before. */
    static final int HISTORY_QUARTERS = 6;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Function<String, ProgramRules> programs;
    private final List<String> paidChannels;
    private final Clock clock;

    public RulesService(DataSource dataSource, Function<String, ProgramRules> programs, List<String> paidChannels, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.programs = programs;
        this.paidChannels = List.copyOf(paidChannels);
        this.clock = clock;
    }

    /** Rows each step changed (history rows included); all zero on a re-run over unchanged data. */
    public record Changes(int registrations, int statusHistory, int credits, int attributions, int influences,
                          int segments, int partners) {
        public int total() {
            return registrations + statusHistory + credits + attributions + influences + segments + partners;
        }
    }

    /** Daily run outside a sync cycle; problems found are recorded without a run id. */
    public Changes runAll() {
        return runAll(null);
    }

    /** @param runId sync_run the bad-input errors are recorded against (null outside a sync cycle) */
    public Changes runAll(Long runId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long started = System.nanoTime();
        int[] registrations = tx.execute(s -> exclusively(() -> dealRegistrations(today, now, runId)));
        long registrationsDone = System.nanoTime();
        int[] attribution = tx.execute(s -> exclusively(() -> attribution(now)));
        long attributionDone = System.nanoTime();
        int[] segments = tx.execute(s -> exclusively(() -> segmentation(today, now)));
        Changes changes = new Changes(registrations[0], registrations[1], registrations[2], attribution[0], attribution[1],
                segments[0], segments[1]);
        log.info("rules: {} (registrations {} ms, attribution {} ms, segmentation {} ms)", changes,
                (registrationsDone - started) / 1_000_000, (attributionDone - registrationsDone) / 1_000_000,
                (System.nanoTime() - attributionDone) / 1_000_000);
        return changes;
    }

    /**
     * The after-sync step and the daily route (or two instances) may run at once; a transaction-scoped advisory lock
     * makes them take turns so the second sees the first's rows and writes no duplicate history.
     */
    private int[] exclusively(Supplier<int[]> step) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('partner-sync-rules'))::text", String.class);
        return step.get();
    }

    private int[] dealRegistrations(LocalDate today, Instant now, Long runId) {
        List<Registration> registrations = jdbc.queryForList("select r.*, "
                + NORMALIZED_DOMAIN.formatted("coalesce(nullif(r.account_domain, ''), r.account_url)")
                + " as normalized_domain from deal_registration r where not r.deleted").stream().map(RulesService::registration).toList();
        Map<Long, List<AccountActivity>> activities = new HashMap<>();
        jdbc.query(ACTIVITIES_ON_REGISTERED_ACCOUNTS, rs -> {
            activities.computeIfAbsent(rs.getLong("reg_id"), k -> new ArrayList<>()).add(new AccountActivity(
                    rs.getString("activity_type"), rs.getString("partner_id"), rs.getTimestamp("at").toInstant()));
        });
        Outcome outcome = DealRegistrationRules.evaluate(registrations, activities, today, programs);
        Map<Long, Registration> byId = new HashMap<>();
        registrations.forEach(r -> byId.put(r.id(), r));
        // every registration is evaluated: problems not met again are resolved
        SyncErrors.report(jdbc, runId, outcome.problems().stream().map(p -> {
            Map<String, Object> columns = byId.get(p.registrationId()).columns();
            log.warn("deal_registration {} {}: {}", columns.get("source_id"), p.field(), p.message());
            return new RecordError((String) columns.get("source_system"), "deal_registration",
                    (String) columns.get("source_id"), p.field(), p.message(), null);
        }).toList());
        SyncErrors.resolveAllOthers(jdbc, "deal_registration");

        List<Object[]> rows = new ArrayList<>();
        outcome.decisions().forEach((id, d) -> rows.add(new Object[]{id, d.status(), d.reason(), d.expiresAt(),
                d.nextCheckAt(), d.acceptanceText(), "rules:" + d.rule()}));
        jdbc.execute("""
                create temp table stage_registration_status (id bigint primary key, status text, status_reason text,
                    expires_at timestamptz, next_check_at timestamptz, acceptance_text text, decided_by text) on commit drop""");
        StageTable.load(jdbc, "stage_registration_status",
                List.of("id", "status", "status_reason", "expires_at", "next_check_at", "acceptance_text", "decided_by"), rows);
        int history = jdbc.update("""
                insert into deal_registration_status_history (deal_registration_id, old_status, new_status, reason, decided_by, changed_at)
                select d.id, d.status, s.status, s.status_reason, s.decided_by, ?
                from stage_registration_status s join deal_registration d on d.id = s.id
                where d.status is distinct from s.status""", Timestamp.from(now));
        int changed = jdbc.update("""
                update deal_registration d set status = s.status, status_reason = s.status_reason, expires_at = s.expires_at,
                    next_check_at = s.next_check_at, acceptance_text = s.acceptance_text
                from stage_registration_status s
                where d.id = s.id and (d.status, d.status_reason, d.expires_at, d.next_check_at, d.acceptance_text)
                    is distinct from (s.status, s.status_reason, s.expires_at, s.next_check_at, s.acceptance_text)""");
        jdbc.execute("drop table stage_registration_status");

        List<Object[]> credits = outcome.credits().stream().map(c -> new Object[]{c.conflictRegistrationId(),
                c.registrationId(), c.partnerId(), c.share(), c.rule(), c.reason()}).toList();
        int creditRows = CREDIT.replace(jdbc, credits, now, "true");
        return new int[]{changed, history, creditRows};
    }

    /** Activities on each live registration's account: linked by CRM account id, or on an account with the same domain. */
    private static final String ACTIVITIES_ON_REGISTERED_ACCOUNTS = """
            with reg as (
                select id, source_system, account_source_id, %s as domain
                from deal_registration where not deleted),
            linked as (
                select r.id as reg_id, a.id as activity_id
                from reg r join activity a on a.source_system = r.source_system and a.account_source_id = r.account_source_id
                union
                select r.id, a.id
                from reg r join account ac on not ac.deleted and %s = r.domain
                join activity a on a.source_system = ac.source_system and a.account_source_id = ac.source_id)
            select l.reg_id, a.activity_type, a.partner_id,
                   coalesce(a.occurred_at, a.activity_date::timestamp at time zone 'UTC') as at
            from linked l join activity a on a.id = l.activity_id
            where not a.deleted and coalesce(a.occurred_at, a.activity_date::timestamp at time zone 'UTC') is not null
            """.formatted(NORMALIZED_DOMAIN.formatted("coalesce(nullif(account_domain, ''), account_url)"),
            NORMALIZED_DOMAIN.formatted("coalesce(nullif(ac.domain, ''), ac.website)"));

    private static Registration registration(Map<String, Object> row) {
        Date nextMeeting = (Date) row.get("next_meeting_date");
        return new Registration(((Number) row.get("id")).longValue(), (String) row.get("partner_id"),
                (String) row.get("program"), (String) row.get("normalized_domain"), (String) row.get("account_name"),
                (String) row.get("problem_statement"), nextMeeting == null ? null : nextMeeting.toLocalDate(),
                instant(row.get("submitted_at")), instant(row.get("approved_at")), (String) row.get("crm_status"), row);
    }

    /** A registration is valid for the opportunity when APPROVED, or EXPIRED only after the opportunity was created. */
    private static final String OPPORTUNITY_FACTS = """
            select o.id, coalesce(o.fraud_flag, false) as fraud, coalesce(o.marketplace, false) as marketplace, o.source,
                   o.partner_id, o.paid_channel, coalesce(o.co_sell, false) as co_sell,
                   case when o.influence is not false then o.influence_partner_id end as influence_partner_id,
                   coalesce(by_id.ref, by_link.ref) as deal_reg_ref, coalesce(by_id.partner_id, by_link.partner_id) as deal_reg_partner,
                   (select array_agg(distinct a.partner_id order by a.partner_id) from activity a
                    where a.source_system = o.source_system and a.opportunity_source_id = o.source_id
                      and a.joint_meeting and not a.deleted and a.partner_id is not null) as joint_partners
            from opportunity o
            left join lateral (
                select coalesce(r.deal_reg_id, r.source_id) as ref, r.partner_id from deal_registration r
                where r.deal_reg_id = o.deal_reg_id and %1$s
                order by r.approved_at, r.id limit 1) by_id on true
            left join lateral (
                select coalesce(r.deal_reg_id, r.source_id) as ref, r.partner_id from deal_registration r
                where r.source_system = o.source_system and r.opportunity_source_id = o.source_id and %1$s
                order by r.approved_at, r.id limit 1) by_link on true
            where not o.deleted
            """.formatted("""
            not r.deleted and r.status in ('APPROVED', 'EXPIRED')
            and (r.expires_at is null or o.created_date is null or o.created_date < (r.expires_at at time zone 'UTC')::date)""");

    private int[] attribution(Instant now) {
        List<Object[]> attributions = new ArrayList<>();
        List<Object[]> influences = new ArrayList<>();
        jdbc.query(OPPORTUNITY_FACTS, rs -> {
            Array joint = rs.getArray("joint_partners");
            Set<String> jointPartners = joint == null ? Set.of() : new HashSet<>(Arrays.asList((String[]) joint.getArray()));
            Facts facts = new Facts(rs.getLong("id"), rs.getBoolean("fraud"), rs.getBoolean("marketplace"),
                    rs.getString("source"), rs.getString("partner_id"), rs.getString("paid_channel"),
                    rs.getString("deal_reg_ref"), rs.getString("deal_reg_partner"), rs.getBoolean("co_sell"),
                    rs.getString("influence_partner_id"), jointPartners);
            Attribution a = AttributionRules.attribute(facts, paidChannels);
            attributions.add(new Object[]{facts.id(), a.source(), a.partnerId(), a.rule()});
            AttributionRules.influences(facts, a).forEach(i -> influences.add(new Object[]{facts.id(), i.partnerId(), i.reasons()}));
        });
        return new int[]{ATTRIBUTION.replace(jdbc, attributions, now, "true"), INFLUENCE.replace(jdbc, influences, now, "true")};
    }

    /**
     * The running quarter is recomputed; an earlier quarter of the last {@link #HISTORY_QUARTERS} that has no rows yet
     * (a new warehouse) is computed once as of its last day, oldest first, so moves between quarters show from the
     * first run. Quarters before the earliest lead or opportunity are left out.
     */
    private int[] segmentation(LocalDate today, Instant now) {
        LocalDate current = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        Set<LocalDate> stored = new HashSet<>();
        jdbc.query("select distinct quarter from partner_segment_history where quarter < ?",
                rs -> {
                    stored.add(rs.getDate(1).toLocalDate());
                }, Date.valueOf(current));
        Date earliest = jdbc.queryForObject("""
                select least((select min(coalesce(submitted_at, created_at))::date from lead where not deleted),
                             (select min(created_date) from opportunity where not deleted))""", Date.class);
        int segments = 0;
        for (int back = HISTORY_QUARTERS - 1; back > 0; back--) {
            LocalDate quarter = current.minusMonths(3L * back);
            LocalDate last = quarter.plusMonths(3).minusDays(1);
            if (!stored.contains(quarter) && earliest != null && !earliest.toLocalDate().isAfter(last)) {
                segments += segmentQuarter(quarter, last, now);
            }
        }
        segments += segmentQuarter(current, today, now);
        int partnersChanged = jdbc.update("""
                update partner p set tier = s.tier, quadrant = s.quadrant
                from partner_segment_history s
                where s.quarter = ? and s.partner_id = p.partner_id and not p.deleted
                  and (p.tier, p.quadrant) is distinct from (s.tier, s.quadrant)""", Date.valueOf(current));
        return new int[]{segments, partnersChanged};
    }

    /** One quarter's segments as of {@code today} (its last day, or today while it runs); rows changed. */
    private int segmentQuarter(LocalDate quarter, LocalDate today, Instant now) {
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, String> programOf = new HashMap<>();
        List<PartnerFacts> partners = new ArrayList<>();
        jdbc.query("""
                with p as (select partner_id, max(program) as program, max(market_relevance) as relevance
                           from partner where not deleted group by partner_id),
                l as (select submitted_by_partner_id as partner_id, count(distinct coalesce(cluster_id, -id)) as leads
                      from lead
                      where not deleted and coalesce(submitted_at, created_at) >= ? and coalesce(submitted_at, created_at) < ?
                        -- a person counts once, and only for the partner dedup credits (the first to submit them)
                        and (credited_partner_id is null or credited_partner_id = submitted_by_partner_id)
                      group by 1)
                select p.partner_id, p.program, p.relevance, coalesce(l.leads, 0) as leads
                from p left join l using (partner_id) order by p.partner_id""", rs -> {
            programOf.put(rs.getString("partner_id"), rs.getString("program"));
            partners.add(new PartnerFacts(rs.getString("partner_id"), rs.getString("program"), rs.getInt("leads"),
                    rs.getBigDecimal("relevance"), BigDecimal.ZERO));
        }, Timestamp.from(quarter.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(quarter.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant()));
        // the tier window is per program, so revenue is summed here rather than in SQL
        jdbc.query("""
                select a.partner_id, o.close_date, o.amount from opportunity_attribution a
                join opportunity o on o.id = a.opportunity_id
                where a.source = 'partner' and o.is_won and not o.deleted and o.amount is not null and o.close_date <= ?""",
                rs -> {
                    String partner = rs.getString("partner_id");
                    int window = programs.apply(programOf.get(partner)).tierWindowDays();
                    if (rs.getDate("close_date").toLocalDate().isAfter(today.minusDays(window))) {
                        revenue.merge(partner, rs.getBigDecimal("amount"), BigDecimal::add);
                    }
                }, Date.valueOf(today));
        List<PartnerFacts> withRevenue = partners.stream().map(p -> new PartnerFacts(p.partnerId(), p.program(),
                p.leadsDelivered(), p.marketRelevance(), revenue.getOrDefault(p.partnerId(), BigDecimal.ZERO))).toList();
        Map<String, String[]> previous = new HashMap<>();
        jdbc.query("select partner_id, quadrant, tier from partner_segment_history where quarter = ?",
                rs -> {
                    previous.put(rs.getString("partner_id"), new String[]{rs.getString("quadrant"), rs.getString("tier")});
                }, Date.valueOf(quarter.minusMonths(3)));
        List<Object[]> rows = new ArrayList<>();
        for (Segment s : SegmentationRules.segment(withRevenue, programs)) {
            String[] before = previous.getOrDefault(s.partnerId(), new String[2]);
            rows.add(new Object[]{s.partnerId(), Date.valueOf(quarter), s.program(), s.leadsDelivered(), s.leadsThreshold(),
                    s.marketRelevance(), s.relevanceThreshold(), s.quadrant(), before[0], s.sourcedRevenue(),
                    s.shareRankedAbove(), s.tier(), before[1], s.commissionRate()});
        }
        return SEGMENT.replace(jdbc, rows, now, "t.quarter = '" + quarter + "'::date");
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return null;
    }
}
