package com.partnersync.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed-002 attribution table, in business priority order: fraud/forbidden traffic excluded > contracted marketplace
 * procurement override > partner-sourced (a valid deal registration) > paid (by channel) > direct. A partner involved without
 * sourcing (joint meeting, co-sell, influence flag) gets influence credit.
 */
public final class AttributionRules {
    private AttributionRules() {
    }

    /**
     * The facts of one opportunity the rules look at.
     *
     * @param dealRegId        deal_reg_id of a valid registration backing it (APPROVED or EXPIRED after the opportunity was
     *                         created), null when there is none
     * @param jointMeetingPartners partners of activities marked joint_meeting on the opportunity
     */
    public record Facts(long id, boolean fraud, boolean marketplace, String source, String partnerId, String paidChannel,
                        String dealRegId, String dealRegPartnerId, boolean coSell, String influencePartnerId,
                        Set<String> jointMeetingPartners) {
    }

    public record Attribution(String source, String partnerId, String rule) {
    }

    public record Influence(String partnerId, List<String> reasons) {
    }

    /** @param paidChannels paid_channel values that count as paid; empty = any non-blank channel */
    public static Attribution attribute(Facts o, List<String> paidChannels) {
        if (o.fraud()) {
            return new Attribution("excluded", null, "fraud_excluded");
        }
        if (o.marketplace() || "marketplace".equals(o.source())) {
            return new Attribution("marketplace", o.partnerId(), "marketplace_override");
        }
        if (o.dealRegId() != null) {
            return new Attribution("partner", o.dealRegPartnerId(), "deal_registration:" + o.dealRegId());
        }
        boolean hasChannel = o.paidChannel() != null && !o.paidChannel().isBlank();
        if (hasChannel && (paidChannels.isEmpty() || paidChannels.contains(o.paidChannel()))) {
            return new Attribution("paid", null, "paid_channel:" + o.paidChannel());
        }
        // a CRM that marks the deal paid without naming the channel; a named channel outside the rules is not paid
        if (!hasChannel && "paid".equals(o.source())) {
            return new Attribution("paid", null, "paid_source");
        }
        return new Attribution("direct", null, "direct");
    }

    /** Influence rows for every partner involved other than the one credited with sourcing; none on excluded deals. */
    public static List<Influence> influences(Facts o, Attribution attribution) {
        if ("excluded".equals(attribution.source())) {
            return List.of();
        }
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (String partner : o.jointMeetingPartners()) {
            add(reasons, partner, "joint_meeting");
        }
        if (o.coSell()) {
            add(reasons, o.partnerId(), "co_sell");
            add(reasons, o.influencePartnerId(), "co_sell");
        }
        add(reasons, o.influencePartnerId(), "influence_flag");
        reasons.remove(attribution.partnerId());
        List<Influence> rows = new ArrayList<>();
        reasons.forEach((partner, why) -> rows.add(new Influence(partner, List.copyOf(why))));
        return rows;
    }

    private static void add(Map<String, List<String>> reasons, String partner, String reason) {
        if (partner == null || partner.isBlank()) {
            return;
        }
        List<String> list = reasons.computeIfAbsent(partner, p -> new ArrayList<>());
        if (!list.contains(reason)) {
            list.add(reason);
        }
    }
}
