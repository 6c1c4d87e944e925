package com.partnersync.sync;

/**
 * The CRM's API budget (configured share of the daily limit, or a DAILY 429) is used up. Whoever catches it saves
 * its checkpoint and ends the object with status PAUSED_LIMIT instead of failing the run.
 */
public class ApiLimitReachedException extends RuntimeException {
    public ApiLimitReachedException(String message) {
        super(message);
    }
}
