package com.partnersync.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * The thresholds of one partner program, resolved (every value set). Seed values are the defaults: deal registrations valid
 * 90 days, expire after 21 days without a meeting, 30-day protection (seeds 002, 003); tiers top 5/15/30% and commission
 * 15% up to $100K, 20% up to $500K, 25% above (seed 003); quadrant thresholds the program median when not set (seed 001).
 *
 * @param requiredFields      deal_registration columns a registration must fill (account_url, buyer_role, problem_statement, next_meeting_date)
 * @param leadsThreshold      leads per quarter that count as "many"; null = the median over the program's partners
 * @param relevanceThreshold  market relevance that counts as "high"; null = the median over the program's partners
 * @param tierWindowDays      sourced revenue counted over this many days up to today
 */
public record ProgramRules(int validityDays, int meetingGapDays, int protectionDays, List<String> requiredFields,
                           BigDecimal leadsThreshold, BigDecimal relevanceThreshold,
                           BigDecimal platinumShare, BigDecimal goldShare, BigDecimal silverShare,
                           BigDecimal bracket1Limit, BigDecimal bracket1Rate, BigDecimal bracket2Limit, BigDecimal bracket2Rate,
                           BigDecimal bracket3Rate, int tierWindowDays) {

    /** Labels used in INVALID reasons, by column. */
    static String label(String field) {
        return switch (field) {
            case "account_url" -> "account URL";
            case "buyer_role" -> "buyer role";
            case "problem_statement" -> "problem statement";
            case "next_meeting_date" -> "next meeting date";
            default -> field.replace('_', ' ');
        };
    }

    public static ProgramRules seedDefaults() {
        return new ProgramRules(90, 21, 30, List.of("account_url", "buyer_role", "problem_statement", "next_meeting_date"),
                null, null,
                new BigDecimal("0.05"), new BigDecimal("0.15"), new BigDecimal("0.30"),
                new BigDecimal("100000"), new BigDecimal("0.15"), new BigDecimal("500000"), new BigDecimal("0.20"),
                new BigDecimal("0.25"), 365);
    }
}
