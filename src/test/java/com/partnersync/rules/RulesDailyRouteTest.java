package com.partnersync.rules;

import com.partnersync.ops.ScheduleProperties;
import com.partnersync.testsupport.TestSettings;
import com.partnersync.testsupport.TestDatabase;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Route rules-daily re-applies the rules on its timer, so expiry happens without a sync. */
class RulesDailyRouteTest {

    @Test
    void theDailyRouteRunsTheRulesOnItsTimer() throws Exception {
        RulesServiceTest.loadPartnerProgram();
        RulesProperties properties = TestSettings.bind(RulesProperties.class, "daily-period", "200ms");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("rulesService", RulesServiceTest.rulesAt(RulesServiceTest.TODAY));
            camel.addRoutes(new RulesRoutes(properties, TestSettings.bind(ScheduleProperties.class, "enabled", true)));
            camel.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (statusOfDr1() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(camel.getRoute("rules-daily")).isNotNull();
        }
        assertThat(statusOfDr1()).isEqualTo("APPROVED");
    }

    private static String statusOfDr1() {
        return TestDatabase.jdbc().queryForObject("select status from deal_registration where deal_reg_id = 'DR-1'", String.class);
    }
}
