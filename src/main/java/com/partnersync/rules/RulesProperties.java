package com.partnersync.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code partner-sync.rules.*}: thresholds for every program, overridden per program under
 * {@code partner-sync.rules.programs.<program>.*} (only the keys that differ). Unset keys keep the seed values.
 */
@ConfigurationProperties("partner-sync.rules")
public class RulesProperties {
    private Settings defaults = new Settings();
    private Map<String, Settings> programs = new LinkedHashMap<>();
    /** Opportunity paid_channel values that count as paid; empty = any non-blank channel. */
    private List<String> paidChannels = new ArrayList<>();
    /** How often route rules-daily re-runs the rules when no sync does (expiry is time passing). */
    private Duration dailyPeriod = Duration.ofDays(1);

    /** Resolves a program's thresholds: its overrides over the defaults over the seed values. */
    public Function<String, ProgramRules> resolver() {
        ProgramRules base = defaults.over(ProgramRules.seedDefaults());
        Map<String, ProgramRules> resolved = new LinkedHashMap<>();
        programs.forEach((name, settings) -> resolved.put(name, settings.over(base)));
        return program -> program == null ? base : resolved.getOrDefault(program, base);
    }

    public Settings getDefaults() {
        return defaults;
    }

    public void setDefaults(Settings defaults) {
        this.defaults = defaults;
    }

    public Map<String, Settings> getPrograms() {
        return programs;
    }

    public void setPrograms(Map<String, Settings> programs) {
        this.programs = programs;
    }

    public List<String> getPaidChannels() {
        return paidChannels;
    }

    public void setPaidChannels(List<String> paidChannels) {
        this.paidChannels = paidChannels;
    }

    public Duration getDailyPeriod() {
        return dailyPeriod;
    }

    public void setDailyPeriod(Duration dailyPeriod) {
        this.dailyPeriod = dailyPeriod;
    }

    /** Optional values; null means "inherit". */
    public static class Settings {
        private Integer validityDays;
        private Integer meetingGapDays;
        private Integer protectionDays;
        private List<String> requiredFields;
        private BigDecimal leadsThreshold;
        private BigDecimal relevanceThreshold;
        private BigDecimal platinumShare;
        private BigDecimal goldShare;
        private BigDecimal silverShare;
        private BigDecimal bracket1Limit;
        private BigDecimal bracket1Rate;
        private BigDecimal bracket2Limit;
        private BigDecimal bracket2Rate;
        private BigDecimal bracket3Rate;
        private Integer tierWindowDays;

        ProgramRules over(ProgramRules base) {
            return new ProgramRules(
                    or(validityDays, base.validityDays()), or(meetingGapDays, base.meetingGapDays()),
                    or(protectionDays, base.protectionDays()), or(requiredFields, base.requiredFields()),
                    or(leadsThreshold, base.leadsThreshold()), or(relevanceThreshold, base.relevanceThreshold()),
                    or(platinumShare, base.platinumShare()), or(goldShare, base.goldShare()), or(silverShare, base.silverShare()),
                    or(bracket1Limit, base.bracket1Limit()), or(bracket1Rate, base.bracket1Rate()),
                    or(bracket2Limit, base.bracket2Limit()), or(bracket2Rate, base.bracket2Rate()),
                    or(bracket3Rate, base.bracket3Rate()), or(tierWindowDays, base.tierWindowDays()));
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }

        public Integer getValidityDays() { return validityDays; }
        public void setValidityDays(Integer v) { validityDays = v; }
        public Integer getMeetingGapDays() { return meetingGapDays; }
        public void setMeetingGapDays(Integer v) { meetingGapDays = v; }
        public Integer getProtectionDays() { return protectionDays; }
        public void setProtectionDays(Integer v) { protectionDays = v; }
        public List<String> getRequiredFields() { return requiredFields; }
        public void setRequiredFields(List<String> v) { requiredFields = v; }
        public BigDecimal getLeadsThreshold() { return leadsThreshold; }
        public void setLeadsThreshold(BigDecimal v) { leadsThreshold = v; }
        public BigDecimal getRelevanceThreshold() { return relevanceThreshold; }
        public void setRelevanceThreshold(BigDecimal v) { relevanceThreshold = v; }
        public BigDecimal getPlatinumShare() { return platinumShare; }
        public void setPlatinumShare(BigDecimal v) { platinumShare = v; }
        public BigDecimal getGoldShare() { return goldShare; }
        public void setGoldShare(BigDecimal v) { goldShare = v; }
        public BigDecimal getSilverShare() { return silverShare; }
        public void setSilverShare(BigDecimal v) { silverShare = v; }
        public BigDecimal getBracket1Limit() { return bracket1Limit; }
        public void setBracket1Limit(BigDecimal v) { bracket1Limit = v; }
        public BigDecimal getBracket1Rate() { return bracket1Rate; }
        public void setBracket1Rate(BigDecimal v) { bracket1Rate = v; }
        public BigDecimal getBracket2Limit() { return bracket2Limit; }
        public void setBracket2Limit(BigDecimal v) { bracket2Limit = v; }
        public BigDecimal getBracket2Rate() { return bracket2Rate; }
        public void setBracket2Rate(BigDecimal v) { bracket2Rate = v; }
        public BigDecimal getBracket3Rate() { return bracket3Rate; }
        public void setBracket3Rate(BigDecimal v) { bracket3Rate = v; }
        public Integer getTierWindowDays() { return tierWindowDays; }
        public void setTierWindowDays(Integer v) { tierWindowDays = v; }
    }
}
