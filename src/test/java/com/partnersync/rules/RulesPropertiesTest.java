package com.partnersync.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** partner-sync.rules.*: seed values unless configured, program overrides over the configured defaults. */
class RulesPropertiesTest {

    static Function<String, ProgramRules> bind(Map<String, String> config) {
        return new Binder(new MapConfigurationPropertySource(config))
                .bindOrCreate("partner-sync.rules", RulesProperties.class).resolver();
    }

    @ParameterizedTest(name = "program {0}: validity {1}, meeting gap {2}, protection {3}, gold {4}, bracket-1 limit {5}")
    @CsvSource({
            "core,      60, 21, 30, 0.15, 100000",
            "strategic, 120, 14, 30, 0.20, 250000",
            ",          60, 21, 30, 0.15, 100000",
            "unknown,   60, 21, 30, 0.15, 100000",
    })
    void programsOverrideOnlyWhatTheySetOverTheDefaults(String program, int validity, int gap, int protection,
                                                        String gold, String bracket1) {
        ProgramRules rules = bind(Map.of(
                "partner-sync.rules.defaults.validity-days", "60",
                "partner-sync.rules.programs.strategic.validity-days", "120",
                "partner-sync.rules.programs.strategic.meeting-gap-days", "14",
                "partner-sync.rules.programs.strategic.gold-share", "0.20",
                "partner-sync.rules.programs.strategic.bracket1-limit", "250000")).apply(program);
        assertThat(rules.validityDays()).isEqualTo(validity);
        assertThat(rules.meetingGapDays()).isEqualTo(gap);
        assertThat(rules.protectionDays()).isEqualTo(protection);
        assertThat(rules.goldShare()).isEqualByComparingTo(gold);
        assertThat(rules.bracket1Limit()).isEqualByComparingTo(bracket1);
        assertThat(rules.requiredFields()).containsExactly("account_url", "buyer_role", "problem_statement", "next_meeting_date");
    }
}
