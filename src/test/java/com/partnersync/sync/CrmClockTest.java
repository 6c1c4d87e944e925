package com.partnersync.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRM's clock read from HTTP {@code Date} headers (RFC 9110 §6.6.1, IMF-fixdate) as a lower bound. */
class CrmClockTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-07T19:00:00.400Z");

    @ParameterizedTest(name = "Date {0} received at 19:00:00.400 local: at 19:00:00.000 local the CRM read at least {1}")
    @CsvSource(delimiter = '|', value = {
            // the CRM's clock agrees with ours: the bound is the header's whole second less the 400 ms since
            "Mon, 07 Dec 2026 19:00:00 GMT | 2026-12-07T18:59:59.600Z",
            // the CRM's clock is 90 s ahead / 5 min behind ours
            "Mon, 07 Dec 2026 19:01:30 GMT | 2026-12-07T19:01:29.600Z",
            "Mon, 07 Dec 2026 18:55:00 GMT | 2026-12-07T18:54:59.600Z",
    })
    void aDateHeaderBoundsTheCrmClockFromBelow(String date, String atLocal19) {
        CrmClock clock = new CrmClock();
        clock.observe(date, RECEIVED);

        assertThat(clock.atLeast(Instant.parse("2026-12-07T19:00:00Z"))).contains(Instant.parse(atLocal19));
    }

    @ParameterizedTest(name = "Date header \"{0}\" tells nothing")
    @CsvSource(value = {"''", "'   '", "yesterday", "2026-12-07T19:00:00Z", "Tue, 07 Dec 2026 19:00:00 GMT"})
    void aMissingOrUnreadableDateHeaderClaimsNothing(String date) {
        CrmClock clock = new CrmClock();
        clock.observe(date, RECEIVED);
        clock.observe(null, RECEIVED);

        assertThat(clock.atLeast(RECEIVED)).isEmpty();
        assertThat(clock.readThrough(RECEIVED, Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void anUnreadableHeaderKeepsTheLastBoundAndTheNewestAnswerWins() {
        CrmClock clock = new CrmClock();
        clock.observe("Mon, 07 Dec 2026 19:00:00 GMT", RECEIVED);
        clock.observe("not a date", RECEIVED.plusSeconds(5));
        Optional<Instant> before = clock.atLeast(RECEIVED);
        // our clock was stepped back 10 s: the next answer's bound replaces the old one
        clock.observe("Mon, 07 Dec 2026 19:00:10 GMT", RECEIVED);

        assertThat(before).contains(Instant.parse("2026-12-07T19:00:00Z"));
        assertThat(clock.atLeast(RECEIVED)).contains(Instant.parse("2026-12-07T19:00:10Z"));
    }

    @Test
    void aReadThatStartedAtLocalTimeTProvesTheCrmTimeAtTLessTheLag() {
        CrmClock clock = new CrmClock();
        clock.observe("Mon, 07 Dec 2026 19:00:00 GMT", RECEIVED);

        assertThat(clock.readThrough(Instant.parse("2026-12-07T18:59:58Z"), Duration.ofSeconds(60)))
                .contains(Instant.parse("2026-12-07T18:58:57.600Z"));
    }
}
