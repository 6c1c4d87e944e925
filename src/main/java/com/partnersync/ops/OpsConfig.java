package com.partnersync.ops;

import com.partnersync.app.InvalidSettingException;
import com.partnersync.warehouse.SyncRuns;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/** Running unattended: the schedule, which instance is active, and what it reports about itself. */
@Configuration(proxyBeanMethods = false)
public class OpsConfig {
    @Bean
    Schedule schedule(@Value("${" + Schedule.KEY + "}") String interval) {
        return Schedule.parse(interval);
    }

    @Bean
    LeaderLock leaderLock(DataSource dataSource, @Value("${partner-sync.leadership.takeover-timeout:30s}") Duration timeout) {
        return new LeaderLock(dataSource, takeoverTimeout(timeout));
    }

    @Bean
    Leadership leadership(LeaderLock lock, SyncRuns runs,
                          @Value("${partner-sync.leadership.takeover-timeout:30s}") Duration timeout,
                          @Value("${partner-sync.schedule.enabled:false}") boolean longRunning) {
        return new Leadership(lock, runs, takeoverTimeout(timeout), longRunning);
    }

    @Bean
    LeaderOnlyRoutePolicy leaderOnlyRoutePolicy(Leadership leadership) {
        return new LeaderOnlyRoutePolicy(leadership);
    }

    private static Duration takeoverTimeout(Duration timeout) {
        if (timeout.compareTo(Duration.ofSeconds(3)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidSettingException("partner-sync.leadership.takeover-timeout", timeout,
                    "a duration between 3s and 1h");
        }
        return timeout;
    }
}
