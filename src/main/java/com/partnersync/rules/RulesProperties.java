package com.partnersync.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code partner-sync.rules.*}: thresholds for every program, overridden per program under
 * {@code partner-sync.rules.programs.<program>.*} (only the keys that differ). Unset keys keep the seed values, which
 * are declared once, in {@link ProgramRules#seedDefaults()}.
 *
 * @param paidChannels opportunity paid_channel values that count as paid; empty = any non-blank channel
 * @param dailyPeriod  how often route rules-daily re-runs the rules when no sync does (expiry is time passing)
 */
@Validated
@ConfigurationProperties("partner-sync.rules")
public record RulesProperties(@Valid Settings defaults,
                              Map<String, @Valid Settings> programs,
                              List<String> paidChannels,
                              @DefaultValue("24h") @DurationMin(millis = 100) @DurationMax(days = 7) Duration dailyPeriod) {

    public RulesProperties {
        defaults = defaults == null ? Settings.INHERIT : defaults;
        programs = programs == null ? Map.of() : Map.copyOf(programs);
        paidChannels = paidChannels == null ? List.of() : List.copyOf(paidChannels);
    }

    /** Resolves a program's thresholds: its overrides over the defaults over the seed values. */
    public Function<String, ProgramRules> resolver() {
        ProgramRules base = defaults.over(ProgramRules.seedDefaults());
        Map<String, ProgramRules> resolved = new LinkedHashMap<>();
        programs.forEach((name, settings) -> resolved.put(name, settings.over(base)));
        return program -> program == null ? base : resolved.getOrDefault(program, base);
    }

    /** Optional values (null = inherit); the meaning of each is on {@link ProgramRules}. Shares and rates are fractions. */
    public record Settings(@Min(1) @Max(3650) Integer validityDays,
                           @Min(1) @Max(365) Integer meetingGapDays,
                           @Min(0) @Max(365) Integer protectionDays,
                           List<String> requiredFields,
                           @DecimalMin("0") BigDecimal leadsThreshold,
                           @DecimalMin("0") BigDecimal relevanceThreshold,
                           @DecimalMin("0") @DecimalMax("1") BigDecimal platinumShare,
                           @DecimalMin("0") @DecimalMax("1") BigDecimal goldShare,
                           @DecimalMin("0") @DecimalMax("1") BigDecimal silverShare,
                           @DecimalMin("0") BigDecimal bracket1Limit,
                           @DecimalMin("0") @DecimalMax("1") BigDecimal bracket1Rate,
                           @DecimalMin("0") BigDecimal bracket2Limit,
                           @DecimalMin("0") @DecimalMax("1") BigDecimal bracket2Rate,
                           @DecimalMin("0") @DecimalMax("1") BigDecimal bracket3Rate,
                           @Min(1) @Max(3650) Integer tierWindowDays) {
        static final Settings INHERIT = new Settings(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);

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
    }
}
