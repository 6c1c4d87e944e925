package com.partnersync.ops;

import com.partnersync.sync.InvalidSettingException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * When long-running mode syncs: {@code partner-sync.schedule.interval} as a duration ({@code 15m}, {@code PT15M}) or a
 * cron expression (5 fields, or Spring's 6 with seconds). Anything else, zero or negative stops start-up, because a
 * schedule that silently parses to nothing is a connector that silently stops syncing.
 */
public record Schedule(Duration every, CronExpression cron, String text) {
    public static final String KEY = "partner-sync.schedule.interval";
    static final String ALLOWED = "a positive duration (15m, 1h, PT15M) or a cron expression ('0 */15 * * * *' or '*/15 * * * *')";

    public static Schedule parse(String value) {
        String text = value == null ? "" : value.trim();
        Duration duration = duration(text);
        if (duration != null) {
            if (duration.isZero() || duration.isNegative()) {
                throw new InvalidSettingException(KEY, value, ALLOWED);
            }
            return new Schedule(duration, null, text);
        }
        String cron = text.split("\\s+").length == 5 ? "0 " + text : text;
        if (!text.isEmpty() && CronExpression.isValidExpression(cron)) {
            return new Schedule(null, CronExpression.parse(cron), cron);
        }
        throw new InvalidSettingException(KEY, value, ALLOWED);
    }

    private static Duration duration(String text) {
        if (text.matches("[+-]?\\d+")) {
            return null; // a bare number has no unit: 15 would mean 15 ms
        }
        try {
            return DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The Camel endpoint that fires the cycles: a timer for a duration (first firing at once, or one interval later),
     * Spring's cron scheduler for a cron expression.
     */
    public String endpointUri(String name, boolean delayFirst) {
        if (cron == null) {
            return "timer:" + name + "?delay=" + (delayFirst ? every.toMillis() : 0) + "&period=" + every.toMillis();
        }
        return "scheduler:" + name + "?scheduler=spring&scheduler.cron="
                + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** How long one interval lasts (for a cron expression: between its next two firings), for health and alerts. */
    public Duration interval() {
        if (cron == null) {
            return every;
        }
        LocalDateTime first = cron.next(LocalDateTime.now());
        return Duration.between(first, cron.next(first));
    }
}
