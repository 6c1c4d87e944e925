package com.partnersync.ops;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code partner-sync.leadership.*}: several instances may share one database; one is active.
 *
 * @param takeoverTimeout a standby takes over this soon after the active instance died (it checks every third of it);
 *                        below 3 s a slow database round trip would look like a dead leader
 */
@Validated
@ConfigurationProperties("partner-sync.leadership")
public record LeadershipProperties(@DefaultValue("30s") @DurationMin(seconds = 3) @DurationMax(hours = 1)
                                   Duration takeoverTimeout) {
}
