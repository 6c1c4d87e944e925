package com.partnersync.ops;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code partner-sync.schedule.*}: long-running mode.
 *
 * @param interval          one sync cycle this often: a duration or a cron expression, checked by {@link Schedule#parse}
 * @param reconcileInterval reconcile (purged and missing records) this often; weekly by default because it reads every
 *                          live id
 * @param enabled           long-running mode: set by the command line (no command = true), not by operators; timers,
 *                          the standby loop, webhooks' search fallback and the change stream run only then
 * @param delayFirst        the first scheduled cycle waits one interval (set by {@code sandbox --keep-running}, which has
 *                          just run one)
 */
@Validated
@ConfigurationProperties("partner-sync.schedule")
public record ScheduleProperties(@DefaultValue("15m") String interval,
                                 @DefaultValue("168h") @DurationMin(minutes = 1) @DurationMax(days = 366)
                                 Duration reconcileInterval,
                                 @DefaultValue("false") boolean enabled,
                                 @DefaultValue("false") boolean delayFirst) {
}
