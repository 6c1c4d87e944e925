package com.partnersync.ops;

import com.partnersync.mapping.MappingSet;
import com.partnersync.sync.SourceSystemSync;
import com.partnersync.warehouse.SyncRuns;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running unattended: the schedule, which instance is active, login protection, and what it reports about itself. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ScheduleProperties.class, LeadershipProperties.class, ShutdownProperties.class})
public class OpsConfig {
    @Bean
    Schedule schedule(ScheduleProperties schedule) {
        return Schedule.parse(schedule.interval());
    }

    @Bean
    LeaderLock leaderLock(DataSource dataSource, LeadershipProperties leadership) {
        return new LeaderLock(dataSource, leadership.takeoverTimeout());
    }

    @Bean
    Leadership leadership(LeaderLock lock, SyncRuns runs, SyncMetrics metrics, GracefulStop stop,
                          LeadershipProperties properties, ScheduleProperties schedule) {
        Leadership leadership = new Leadership(lock, runs, properties.takeoverTimeout(), schedule.enabled());
        metrics.leader(leadership::isLeader);
        leadership.onLeadershipLost(stop::stopCurrentRun);
        return leadership;
    }

    @Bean
    LoadProgress loadProgress() {
        return new LoadProgress(Duration.ofSeconds(10), System::nanoTime);
    }

    /** SIGTERM: the run stops after its current page; closing waits this long for it to be recorded. */
    @Bean
    GracefulStop gracefulStop(ShutdownProperties shutdown) {
        return new GracefulStop(shutdown.runWait());
    }

    @Bean
    LeaderOnlyRoutePolicy leaderOnlyRoutePolicy(Leadership leadership) {
        return new LeaderOnlyRoutePolicy(leadership);
    }

    /** Standbys answer webhook calls 503 (served only in long-running mode; one-shot commands start no server). */
    @Bean
    FilterRegistrationBean<StandbyWebhookFilter> standbyWebhookFilter(Leadership leadership,
                                                                       LeadershipProperties properties) {
        FilterRegistrationBean<StandbyWebhookFilter> registration =
                new FilterRegistrationBean<>(new StandbyWebhookFilter(leadership, properties.takeoverTimeout()));
        registration.addUrlPatterns(StandbyWebhookFilter.PATHS);
        return registration;
    }

    /** Also a RunListener: cycle duration, records, last success (carried over from the runs before this process). */
    @Bean
    @DependsOnDatabaseInitialization
    SyncMetrics syncMetrics(MeterRegistry registry, DataSource dataSource) {
        SyncMetrics metrics = new SyncMetrics(registry);
        Timestamp last = new JdbcTemplate(dataSource).queryForObject(
                "select max(ended_at) from sync_run where status = 'SUCCEEDED'", Timestamp.class);
        if (last != null) {
            metrics.lastSuccessBefore(last.toInstant());
        }
        return metrics;
    }

    @Bean
    LoginGuard loginGuard(DataSource dataSource) {
        return new LoginGuard(dataSource, Clock.systemUTC());
    }

    /** Apart from the guard itself: the sources depend on the guard (through their clients). */
    @Bean
    MeterBinder crmLoginGauges(List<SourceSystemSync> sources, LoginGuard guard) {
        return registry -> {
            for (SourceSystemSync source : sources) {
                Gauge.builder("partner_sync_crm_login_failing", () -> guard.status(source.sourceSystem()).isPresent() ? 1 : 0)
                        .description("1 while the CRM's last login failed (health shows its error code)")
                        .tag("source", source.sourceSystem()).register(registry);
            }
        };
    }

    @Bean
    WarehouseGauges warehouseGauges(DataSource dataSource, MeterRegistry registry, MappingSet mappings,
                                    List<SourceSystemSync> sources) {
        WarehouseGauges gauges = new WarehouseGauges(dataSource);
        Map<String, List<String>> objects = new LinkedHashMap<>();
        for (SourceSystemSync source : sources) {
            objects.put(source.sourceSystem(), mappings.objects(source.sourceSystem()));
        }
        gauges.register(registry, objects);
        return gauges;
    }

    @Bean
    HealthIndicator leadershipHealthIndicator(Leadership leadership) {
        return ConnectorHealth.leadership(leadership);
    }

    @Bean
    HealthIndicator syncCycleHealthIndicator(Leadership leadership, SyncMetrics metrics, Schedule schedule) {
        return ConnectorHealth.syncCycle(leadership, metrics, schedule);
    }

    /** One component per CRM with credentials configured. */
    @Bean
    CompositeHealthContributor crmHealthContributor(List<SourceSystemSync> sources, SyncMetrics metrics, LoginGuard guard) {
        Map<String, HealthContributor> crms = new LinkedHashMap<>();
        for (SourceSystemSync source : sources) {
            if (source.configured()) {
                crms.put(source.sourceSystem(), ConnectorHealth.crm(source.sourceSystem(), metrics, guard));
            }
        }
        return CompositeHealthContributor.fromMap(crms);
    }
}
