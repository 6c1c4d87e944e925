package com.partnersync.ops;

import com.partnersync.PartnerSyncApplication;
import com.partnersync.app.Command;
import com.partnersync.sync.InvalidSettingException;
import com.partnersync.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** partner-sync.schedule.interval: durations and cron expressions are read as written; anything else stops start-up. */
class ScheduleTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "15m          | PT15M",
            "PT15M        | PT15M",
            "1h           | PT1H",
            "30s          | PT30S",
            "' 2h '       | PT2H",
            "0 */15 * * * * | PT15M",
            "*/15 * * * * | PT15M",
            "0 0 3 * * *  | PT24H"})
    void durationsAndCronExpressionsAreAccepted(String value, Duration interval) {
        assertThat(Schedule.parse(value).interval()).isEqualTo(interval);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"banana", "0", "0m", "PT0S", "-5m", "PT-15M", "15", "", "  ", "61 * * * *", "every 15 minutes"})
    void anythingElseZeroOrNegativeIsRefusedNamingKeyAndValue(String value) {
        assertThatThrownBy(() -> Schedule.parse(value))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("partner-sync.schedule.interval=" + value + " is not valid: expected a positive duration");
    }

    @Test
    void aDurationFiresATimerEitherAtOnceOrOneIntervalLater() {
        assertThat(Schedule.parse("15m").endpointUri("sync-cycle", false)).isEqualTo("timer:sync-cycle?delay=0&period=900000");
        assertThat(Schedule.parse("15m").endpointUri("sync-cycle", true)).isEqualTo("timer:sync-cycle?delay=900000&period=900000");
        assertThat(Schedule.parse("*/15 * * * *").endpointUri("sync-cycle", false))
                .isEqualTo("scheduler:sync-cycle?scheduler=spring&scheduler.cron=0+*%2F15+*+*+*+*");
    }

    @Test
    void aBadIntervalStopsStartUpWithOneLine() {
        assertThatThrownBy(() -> PartnerSyncApplication.application(Command.parse("validate-mappings"))
                .run("validate-mappings", "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                        "--partner-sync.schedule.interval=banana"))
                .rootCause()
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("partner-sync.schedule.interval=banana is not valid: expected " + Schedule.ALLOWED);
    }
}
