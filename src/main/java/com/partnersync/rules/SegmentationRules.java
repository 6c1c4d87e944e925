package com.partnersync.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Partner quadrant (seed 001: leads delivered x market relevance) and tier/commission (seed 003: sourced-revenue percentile,
 * revenue bracket), computed over the partners of each program.
 */
public final class SegmentationRules {
    private SegmentationRules() {
    }

    public record PartnerFacts(String partnerId, String program, int leadsDelivered, BigDecimal marketRelevance,
                               BigDecimal sourcedRevenue) {
    }

    public record Segment(String partnerId, String program, int leadsDelivered, BigDecimal leadsThreshold,
                          BigDecimal marketRelevance, BigDecimal relevanceThreshold, String quadrant,
                          BigDecimal sourcedRevenue, BigDecimal shareRankedAbove, String tier, BigDecimal commissionRate) {
    }

    public static List<Segment> segment(List<PartnerFacts> partners, Function<String, ProgramRules> rules) {
        Map<String, List<PartnerFacts>> byProgram = new LinkedHashMap<>();
        partners.forEach(p -> byProgram.computeIfAbsent(Objects.toString(p.program(), ""), k -> new ArrayList<>()).add(p));
        List<Segment> segments = new ArrayList<>();
        byProgram.forEach((name, members) -> {
            ProgramRules program = rules.apply(name.isEmpty() ? null : name);
            BigDecimal leadsThreshold = program.leadsThreshold() != null ? program.leadsThreshold()
                    : median(members.stream().map(p -> BigDecimal.valueOf(p.leadsDelivered())).toList());
            BigDecimal relevanceThreshold = program.relevanceThreshold() != null ? program.relevanceThreshold()
                    : median(members.stream().map(PartnerFacts::marketRelevance).filter(Objects::nonNull).toList());
            for (PartnerFacts p : members) {
                long above = members.stream().filter(o -> o.sourcedRevenue().compareTo(p.sourcedRevenue()) > 0).count();
                BigDecimal shareAbove = BigDecimal.valueOf(above).divide(BigDecimal.valueOf(members.size()), 6, RoundingMode.HALF_UP);
                segments.add(new Segment(p.partnerId(), p.program(), p.leadsDelivered(), leadsThreshold,
                        p.marketRelevance(), relevanceThreshold,
                        quadrant(manyLeads(p.leadsDelivered(), leadsThreshold), highRelevance(p.marketRelevance(), relevanceThreshold)),
                        p.sourcedRevenue(), shareAbove, tier(shareAbove, p.sourcedRevenue(), program),
                        commissionRate(p.sourcedRevenue(), program)));
            }
        });
        return segments;
    }

    /** At or above the threshold; a partner that delivered no lead never has "many". */
    static boolean manyLeads(int leads, BigDecimal threshold) {
        return leads > 0 && BigDecimal.valueOf(leads).compareTo(threshold) >= 0;
    }

    /** At or above the threshold; an unknown relevance is low. */
    static boolean highRelevance(BigDecimal relevance, BigDecimal threshold) {
        return relevance != null && threshold != null && relevance.compareTo(threshold) >= 0;
    }

    static String quadrant(boolean manyLeads, boolean highRelevance) {
        if (highRelevance) {
            return manyLeads ? "KEY_PARTNER" : "UNPOLISHED_DIAMOND";
        }
        return manyLeads ? "GROWTH_HACKER" : "DEMENTOR";
    }

    /**
     * Tier by the share of partners with strictly more sourced revenue: under 5% PLATINUM, under 15% GOLD, under 30% SILVER
     * (so of 20 partners exactly 1, 2 and 3 more qualify); ties share the better tier; no sourced revenue is BRONZE.
     */
    static String tier(BigDecimal shareRankedAbove, BigDecimal sourcedRevenue, ProgramRules program) {
        if (sourcedRevenue.signum() <= 0) {
            return "BRONZE";
        }
        if (shareRankedAbove.compareTo(program.platinumShare()) < 0) {
            return "PLATINUM";
        }
        if (shareRankedAbove.compareTo(program.goldShare()) < 0) {
            return "GOLD";
        }
        return shareRankedAbove.compareTo(program.silverShare()) < 0 ? "SILVER" : "BRONZE";
    }

    /** Bracket rate on sourced revenue; each limit belongs to the lower bracket ($100,000 earns 15%, $500,000 20%). */
    static BigDecimal commissionRate(BigDecimal sourcedRevenue, ProgramRules program) {
        if (sourcedRevenue.compareTo(program.bracket1Limit()) <= 0) {
            return program.bracket1Rate();
        }
        return sourcedRevenue.compareTo(program.bracket2Limit()) <= 0 ? program.bracket2Rate() : program.bracket3Rate();
    }

    static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
    }
}
