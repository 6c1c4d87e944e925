package com.partnersync.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The connector's own health components: leadership, the age of the last successful cycle, each configured CRM. */
public final class ConnectorHealth {
    private ConnectorHealth() {
    }

    /** Always UP (a standby is healthy); says which instance is active. */
    public static HealthIndicator leadership(Leadership leadership) {
        return () -> Health.up()
                .withDetail("role", leadership.isLeader() ? "active" : "standby")
                .withDetail("activeInstance", leadership.holder())
                .build();
    }

    /**
     * On the active instance: DOWN when the last successful cycle is older than twice the schedule's interval (or no
     * cycle succeeded within twice the interval of taking over). A standby runs no cycles and is UP.
     */
    public static HealthIndicator syncCycle(Leadership leadership, SyncMetrics metrics, Schedule schedule) {
        return () -> {
            Duration interval = schedule.interval();
            if (!leadership.isLeader()) {
                return Health.up().withDetail("role", "standby").withDetail("interval", interval.toString()).build();
            }
            Instant now = Instant.now();
            Duration allowed = interval.multipliedBy(2);
            Instant lastSuccess = metrics.lastSuccess();
            boolean stale = (lastSuccess == null || Duration.between(lastSuccess, now).compareTo(allowed) > 0)
                    && Duration.between(leadership.leaderSince(), now).compareTo(allowed) > 0; // a new leader gets time
            return (stale ? Health.down() : Health.up())
                    .withDetail("lastSuccess", lastSuccess == null ? "never" : lastSuccess.toString())
                    .withDetail("ageSeconds", lastSuccess == null ? -1 : Duration.between(lastSuccess, now).toSeconds())
                    .withDetail("interval", interval.toString())
                    .build();
        };
    }

    /** DOWN with the CRM's error code while its logins fail; the last successful call and the API budget used. */
    public static HealthIndicator crm(String source, SyncMetrics metrics, LoginGuard guard) {
        return () -> {
            SyncMetrics.CrmState state = metrics.crm(source);
            Optional<LoginGuard.Status> failure = guard.status(source);
            Health.Builder health = failure.map(f -> Health.down()
                    .withDetail("error", f.errorCode())
                    .withDetail("failedCycles", f.failedCycles())
                    .withDetail("loginsSuspended", f.suspended())
                    .withDetail("reason", f.reason())).orElseGet(Health::up);
            return health.withDetail("authenticated", failure.isEmpty() && state.lastSuccessfulCall() != null)
                    .withDetail("lastSuccessfulCall", state.lastSuccessfulCall() == null ? "none yet"
                            : state.lastSuccessfulCall().toString())
                    .withDetail("apiBudgetUsedRatio", Double.isNaN(state.budgetUsedRatio()) ? "not reported"
                            : state.budgetUsedRatio())
                    .build();
        };
    }
}
