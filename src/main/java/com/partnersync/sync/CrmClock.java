package com.partnersync.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The CRM's clock as its answers show it: every HTTP response carries a {@code Date} header (RFC 9110 §6.6.1), the
 * server's time when it made the answer, in whole seconds. Modification stamps (SystemModstamp,
 * hs_lastmodifieddate) are set by that clock, not ours, so "every change up to T has been read" must be stated in
 * its time.
 *
 * <p>A Date header {@code D} received at local time {@code r} proves the CRM's clock read at least {@code D} at some
 * moment before {@code r}; so at any local time {@code t} it read at least {@code t + (D - r)}. That lower bound (seconds
 * cut off, round trip included) is all that is kept: an incremental read started at local time {@code t} has
 * provably seen every change the CRM stamped before {@link #atLeast atLeast(t)}, less the lag for transactions still
 * in flight. Thread-safe: the newest answer's bound wins, so a local clock step is corrected by the next answer.
 */
public final class CrmClock {
    private volatile Duration offset;

    /** Takes the {@code Date} header of an answer received at local time {@code received}; ignores a missing or bad one. */
    public void observe(String dateHeader, Instant received) {
        if (dateHeader == null || dateHeader.isBlank()) {
            return;
        }
        try {
            Instant date = ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            offset = Duration.between(received, date);
        } catch (DateTimeParseException e) {
            // not a date we can trust: keep the last bound (or none), so nothing is claimed from it
        }
    }

    /** A time the CRM's clock had certainly reached at local time {@code local}; empty before any Date header. */
    public Optional<Instant> atLeast(Instant local) {
        Duration known = offset;
        return known == null ? Optional.empty() : Optional.of(local.plus(known));
    }

    /**
     * What a complete incremental read that started at local time {@code started} proves, by the CRM's clock: every
     * change stamped before the result has been seen, the {@code lag} allowing for transactions that took their stamp
     * before the read but committed after it (and for search indexing). Empty when the CRM's clock is unknown.
     */
    public Optional<Instant> readThrough(Instant started, Duration lag) {
        return atLeast(started).map(t -> t.minus(lag));
    }
}
