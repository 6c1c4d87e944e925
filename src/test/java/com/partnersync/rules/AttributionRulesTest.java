package com.partnersync.rules;

import com.partnersync.rules.AttributionRules.Attribution;
import com.partnersync.rules.AttributionRules.Facts;
import com.partnersync.rules.AttributionRules.Influence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AttributionRulesTest {

    /** An opportunity that qualifies for every priority from {@code highest} downwards. */
    static Facts qualifyingFrom(String highest) {
        List<String> order = List.of("excluded", "marketplace", "partner", "paid", "direct");
        int from = order.indexOf(highest);
        return new Facts(7, from <= 0, from <= 1, from <= 1 ? "marketplace" : null, "MKT1",
                from <= 3 ? "google_ads" : null, from <= 2 ? "DR-9" : null, from <= 2 ? "P1" : null, false, null, Set.of());
    }

    @ParameterizedTest(name = "qualifies from {0} down -> {0} by {2}")
    @CsvSource(delimiter = '|', value = {
            "excluded    |      | fraud_excluded",
            "marketplace | MKT1 | marketplace_override",
            "partner     | P1   | deal_registration:DR-9",
            "paid        |      | paid_channel:google_ads",
            "direct      |      | direct",
    })
    void eachPriorityBeatsTheOnesBelowIt(String source, String partner, String rule) {
        Attribution a = AttributionRules.attribute(qualifyingFrom(source), List.of());
        assertThat(a).isEqualTo(new Attribution(source, partner, rule));
    }

    @ParameterizedTest(name = "channel {0}, source {1}, rules {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "google_ads |      |            | paid   | paid_channel:google_ads",
            "google_ads |      | google_ads | paid   | paid_channel:google_ads",
            "newsletter |      | google_ads | direct | direct",
            "           | paid |            | paid   | paid_source",
            "           |      | google_ads | direct | direct",
    })
    void paidFollowsTheConfiguredChannelRules(String channel, String crmSource, String paidChannels, String source, String rule) {
        Facts facts = new Facts(1, false, false, crmSource, null, channel, null, null, false, null, Set.of());
        Attribution a = AttributionRules.attribute(facts, paidChannels == null ? List.of() : List.of(paidChannels));
        assertThat(a.source()).isEqualTo(source);
        assertThat(a.rule()).isEqualTo(rule);
    }

    @Test
    void aClaimedPartnerSourceWithoutAValidRegistrationIsNotPartnerSourced() {
        Facts facts = new Facts(1, false, false, "partner", "P1", null, null, null, false, null, Set.of());
        assertThat(AttributionRules.attribute(facts, List.of()).source()).isEqualTo("direct");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "joint meeting partner                 | P2    |    | false |    | P2:joint_meeting",
            "co-sell partner                       |       | P3 | true  |    | P3:co_sell",
            "influence flag                        |       |    | false | P4 | P4:influence_flag",
            "co-sell and flag on the same partner  |       |    | true  | P4 | P4:co_sell+influence_flag",
            "sourcing partner gets no influence    | P1    | P1 | true  |    | ",
            "several partners                      | P2 P5 |    | false | P4 | P2:joint_meeting P5:joint_meeting P4:influence_flag",
    })
    void partnersInvolvedWithoutSourcingGetInfluenceRows(String name, String joint, String oppPartner, boolean coSell,
                                                         String influencePartner, String expected) {
        Set<String> jointPartners = joint == null ? Set.of() : new java.util.LinkedHashSet<>(List.of(joint.split(" ")));
        Facts facts = new Facts(1, false, false, null, oppPartner, null, "DR-1", "P1", coSell, influencePartner, jointPartners);
        Attribution a = AttributionRules.attribute(facts, List.of());
        List<String> rows = AttributionRules.influences(facts, a).stream()
                .map(i -> i.partnerId() + ":" + String.join("+", i.reasons())).toList();
        assertThat(rows).containsExactlyInAnyOrder(expected == null ? new String[0] : expected.split(" "));
    }

    @Test
    void excludedOpportunitiesEarnNoInfluence() {
        Facts facts = new Facts(1, true, false, null, "P1", null, null, null, true, "P2", Set.of("P3"));
        List<Influence> rows = AttributionRules.influences(facts, AttributionRules.attribute(facts, List.of()));
        assertThat(rows).isEmpty();
    }
}
