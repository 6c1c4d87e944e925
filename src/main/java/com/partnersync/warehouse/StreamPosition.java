package com.partnersync.warehouse;

import java.time.Instant;

/**
 * Where a change stream stands: the replay id of the last event whose changes are committed, and that event's
 * commit time in the CRM (to tell whether the replay id is still within the event bus retention).
 */
public record StreamPosition(String sourceSystem, String channel, String replayId, Instant eventTime) {
}
