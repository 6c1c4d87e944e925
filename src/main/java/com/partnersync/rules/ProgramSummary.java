package com.partnersync.rules;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The partner program at a glance, as the rules left it: this quarter's partner-sourced pipeline and revenue, partners
 * per tier and quadrant, registrations per status. Printed at the end of the {@code sandbox} command.
 */
public record ProgramSummary(LocalDate quarter, LocalDate today, long sourcedOpportunities, BigDecimal sourcedPipeline,
                             BigDecimal pipelineShare, long sourcedWon, BigDecimal sourcedRevenue,
                             Map<String, Long> tiers, Map<String, Long> quadrants, Map<String, Long> registrations) {
    private static final List<String> TIERS = List.of("PLATINUM", "GOLD", "SILVER", "BRONZE");
    private static final List<String> QUADRANTS = List.of("KEY_PARTNER", "UNPOLISHED_DIAMOND", "GROWTH_HACKER", "DEMENTOR");
    private static final List<String> STATUSES = List.of("APPROVED", "EXPIRED", "SUBMITTED", "CONFLICT", "INVALID", "REJECTED");

    public static ProgramSummary of(DataSource dataSource, LocalDate today) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        LocalDate quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        Map<String, Object> deals = jdbc.queryForMap("""
                select count(*) filter (where a.source = 'partner' and o.created_date >= ?) as sourced,
                       coalesce(sum(o.amount) filter (where a.source = 'partner' and o.created_date >= ?), 0) as pipeline,
                       coalesce(sum(o.amount) filter (where o.created_date >= ?), 0) as all_pipeline,
                       count(*) filter (where a.source = 'partner' and o.is_won and o.close_date >= ?) as won,
                       coalesce(sum(o.amount) filter (where a.source = 'partner' and o.is_won and o.close_date >= ?), 0) as revenue
                from opportunity o join opportunity_attribution a on a.opportunity_id = o.id
                where not o.deleted and (o.created_date between ? and ? or o.close_date between ? and ?)""",
                quarter, quarter, quarter, quarter, quarter, quarter, today, quarter, today);
        BigDecimal pipeline = (BigDecimal) deals.get("pipeline");
        BigDecimal all = (BigDecimal) deals.get("all_pipeline");
        return new ProgramSummary(quarter, today, ((Number) deals.get("sourced")).longValue(), pipeline,
                all.signum() == 0 ? BigDecimal.ZERO : pipeline.divide(all, 4, java.math.RoundingMode.HALF_UP),
                ((Number) deals.get("won")).longValue(), (BigDecimal) deals.get("revenue"),
                counts(jdbc, "select tier, count(*) from partner_segment_history where quarter = ? group by 1", TIERS, quarter),
                counts(jdbc, "select quadrant, count(*) from partner_segment_history where quarter = ? group by 1", QUADRANTS, quarter),
                counts(jdbc, "select status, count(*) from deal_registration where not deleted and status is not null group by 1",
                        STATUSES));
    }

    /** Every known value in its order (0 when absent), then any other value the table holds. */
    private static Map<String, Long> counts(JdbcTemplate jdbc, String sql, List<String> known, Object... args) {
        Map<String, Long> counts = new LinkedHashMap<>();
        known.forEach(k -> counts.put(k, 0L));
        jdbc.query(sql, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, args);
        return counts;
    }

    public String render() {
        return String.format(Locale.ROOT, """
                partner program (quarter from %s to %s)
                  partner-sourced pipeline  %,6d opportunities created  %,16.2f  (%.1f%% of all pipeline created)
                  partner-sourced revenue   %,6d deals won              %,16.2f
                  partners by tier          %s
                  partners by quadrant      %s
                  deal registrations        %s
                """, quarter, today, sourcedOpportunities, sourcedPipeline, pipelineShare.movePointRight(2),
                sourcedWon, sourcedRevenue, line(tiers), line(quadrants), line(registrations));
    }

    private static String line(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("  "));
    }
}
