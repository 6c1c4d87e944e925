package com.partnersync.rules;

import com.partnersync.rules.SegmentationRules.PartnerFacts;
import com.partnersync.rules.SegmentationRules.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentationRulesTest {
    private static final ProgramRules SEED = ProgramRules.seedDefaults();

    /** n partners P01..Pnn with sourced revenue n*1000, (n-1)*1000, ... so P01 ranks first. */
    static Map<String, String> tiersOf(int n) {
        List<PartnerFacts> partners = IntStream.rangeClosed(1, n).mapToObj(i -> new PartnerFacts("P%03d".formatted(i), null, 0,
                null, BigDecimal.valueOf((long) (n - i + 1) * 1000))).toList();
        return SegmentationRules.segment(partners, p -> SEED).stream()
                .collect(Collectors.toMap(Segment::partnerId, Segment::tier));
    }

    @ParameterizedTest(name = "rank {1} of {0} -> {2}")
    @CsvSource({
            "20, 1, PLATINUM", "20, 2, GOLD", "20, 3, GOLD", "20, 4, SILVER", "20, 6, SILVER", "20, 7, BRONZE", "20, 20, BRONZE",
            "100, 5, PLATINUM", "100, 6, GOLD", "100, 15, GOLD", "100, 16, SILVER", "100, 30, SILVER", "100, 31, BRONZE",
            "1, 1, PLATINUM",
    })
    void tierFollowsTheSourcedRevenuePercentile(int partners, int rank, String tier) {
        assertThat(tiersOf(partners)).containsEntry("P%03d".formatted(rank), tier);
    }

    @Test
    void tiedPartnersShareTheBetterTierAndNoRevenueIsBronze() {
        List<PartnerFacts> partners = new ArrayList<>();
        partners.add(new PartnerFacts("A", null, 0, null, new BigDecimal("500")));
        partners.add(new PartnerFacts("B", null, 0, null, new BigDecimal("500")));
        for (int i = 0; i < 18; i++) {
            partners.add(new PartnerFacts("Z" + i, null, 0, null, BigDecimal.ZERO));
        }
        Map<String, String> tiers = SegmentationRules.segment(partners, p -> SEED).stream()
                .collect(Collectors.toMap(Segment::partnerId, Segment::tier));
        assertThat(tiers).containsEntry("A", "PLATINUM").containsEntry("B", "PLATINUM").containsEntry("Z0", "BRONZE");
    }

    @ParameterizedTest(name = "${0} -> {1}")
    @CsvSource({
            "0, 0.15", "99999.99, 0.15", "100000, 0.15", "100000.01, 0.20", "499999.99, 0.20", "500000, 0.20",
            "500000.01, 0.25", "2000000, 0.25",
    })
    void commissionBracketEdgesBelongToTheLowerBracket(BigDecimal revenue, BigDecimal rate) {
        assertThat(SegmentationRules.commissionRate(revenue, SEED)).isEqualByComparingTo(rate);
    }

    @ParameterizedTest(name = "leads {0}, relevance {1} -> {2}")
    @CsvSource({
            // the other four partners deliver 1, 3, 7, 9 leads with relevance 5, 15, 35, 45: the medians move with ME
            "8, 40, KEY_PARTNER", "8, 10, GROWTH_HACKER", "2, 40, UNPOLISHED_DIAMOND", "2, 10, DEMENTOR",
            // exactly at both medians (5 of 1,3,5,7,9 and 20 of 5,15,20,35,45) counts as many and high
            "5, 20, KEY_PARTNER",
    })
    void quadrantIsLeadsDeliveredAgainstTheMedianTimesMarketRelevance(int leads, int relevance, String quadrant) {
        List<PartnerFacts> partners = new ArrayList<>(List.of(
                new PartnerFacts("A", null, 1, BigDecimal.valueOf(5), BigDecimal.ZERO),
                new PartnerFacts("B", null, 3, BigDecimal.valueOf(15), BigDecimal.ZERO),
                new PartnerFacts("C", null, 7, BigDecimal.valueOf(35), BigDecimal.ZERO),
                new PartnerFacts("D", null, 9, BigDecimal.valueOf(45), BigDecimal.ZERO),
                new PartnerFacts("ME", null, leads, BigDecimal.valueOf(relevance), BigDecimal.ZERO)));
        Segment me = SegmentationRules.segment(partners, p -> SEED).get(4);
        assertThat(me.partnerId()).isEqualTo("ME");
        assertThat(me.quadrant()).isEqualTo(quadrant);
    }

    @ParameterizedTest(name = "threshold {0} leads, {1} relevance: partner with 3 leads, relevance 50 -> {2}")
    @CsvSource({
            "3, 50, KEY_PARTNER", "4, 50, UNPOLISHED_DIAMOND", "3, 51, GROWTH_HACKER", "4, 51, DEMENTOR",
    })
    void configuredThresholdsReplaceTheMedian(BigDecimal leadsThreshold, BigDecimal relevanceThreshold, String quadrant) {
        ProgramRules program = new ProgramRules(90, 21, 30, SEED.requiredFields(), leadsThreshold, relevanceThreshold,
                SEED.platinumShare(), SEED.goldShare(), SEED.silverShare(), SEED.bracket1Limit(), SEED.bracket1Rate(),
                SEED.bracket2Limit(), SEED.bracket2Rate(), SEED.bracket3Rate(), 365);
        List<PartnerFacts> partners = List.of(new PartnerFacts("ME", "gold-program", 3, new BigDecimal("50"), BigDecimal.ZERO),
                new PartnerFacts("OTHER", "gold-program", 100, new BigDecimal("99"), BigDecimal.ZERO));
        Segment me = SegmentationRules.segment(partners, p -> "gold-program".equals(p) ? program : SEED).get(0);
        assertThat(me.quadrant()).isEqualTo(quadrant);
        assertThat(me.leadsThreshold()).isEqualByComparingTo(leadsThreshold);
    }

    @Test
    void aPartnerWithoutLeadsNeverHasManyEvenAtAZeroMedian() {
        List<PartnerFacts> partners = List.of(new PartnerFacts("A", null, 0, BigDecimal.ONE, BigDecimal.ZERO),
                new PartnerFacts("B", null, 0, BigDecimal.ONE, BigDecimal.ZERO),
                new PartnerFacts("C", null, 3, BigDecimal.ONE, BigDecimal.ZERO));
        assertThat(SegmentationRules.segment(partners, p -> SEED)).extracting(Segment::quadrant)
                .containsExactly("UNPOLISHED_DIAMOND", "UNPOLISHED_DIAMOND", "KEY_PARTNER");
    }
}
