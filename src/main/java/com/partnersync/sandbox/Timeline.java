package com.partnersync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * When the record at each position of one object's change order was last modified, computed from the position so
 * nothing is stored per record. Times never decrease with the position; deliberate bursts give runs of records one
 * shared timestamp (a mass update or an import), the largest longer than a 2,000-record query page once the object
 * is big enough. Generated records fill the older positions, the planted scenario records the newest ones.
 */
final class Timeline {
    static final Duration SPAN = ProgramStory.SPAN;
    private static final int BIG_BURST = 2_600;

    private final int count;
    private final long startSecond;
    private final long spanSeconds;
    private final int[] burstStart;
    private final int[] burstEnd;

    Timeline(int count, int generatedCount, Instant asOf) {
        this.count = count;
        this.spanSeconds = SPAN.toSeconds();
        this.startSecond = asOf.getEpochSecond() - spanSeconds;
        // (start as a fraction of the generated positions, wanted length); a burst is cut short before the next one
        double[] fractions = {0.05, 0.20, 0.75, 0.85};
        int[] wanted = {40, generatedCount >= 2 * BIG_BURST ? BIG_BURST : generatedCount / 8, 7, 250};
        int[] starts = new int[fractions.length];
        int[] ends = new int[fractions.length];
        int bursts = 0;
        for (int b = 0; b < fractions.length; b++) {
            int start = (int) (generatedCount * fractions[b]);
            int limit = b + 1 < fractions.length ? (int) (generatedCount * fractions[b + 1]) : generatedCount;
            int end = Math.min(start + wanted[b], limit);
            if (end - start >= 2) {
                starts[bursts] = start;
                ends[bursts] = end;
                bursts++;
            }
        }
        this.burstStart = Arrays.copyOf(starts, bursts);
        this.burstEnd = Arrays.copyOf(ends, bursts);
    }

    /** A burst's records all take the time of its last one: the mass update came after each was last touched. */
    Instant modifiedAt(int position) {
        int effective = position;
        for (int b = 0; b < burstStart.length; b++) {
            if (position >= burstStart[b] && position < burstEnd[b]) {
                effective = burstEnd[b] - 1;
            }
        }
        return ownTime(effective);
    }

    /** The position's own time, bursts left out: never after its modified time, so records are created before it. */
    Instant ownTime(int position) {
        // count + 1 keeps the newest record strictly before asOf; spacing stays >= 30 s up to a million records
        return Instant.ofEpochSecond(startSecond + (position * spanSeconds) / (count + 1L));
    }

    /** Longest run of records sharing one timestamp. */
    int longestBurst() {
        int longest = 1;
        for (int b = 0; b < burstStart.length; b++) {
            longest = Math.max(longest, burstEnd[b] - burstStart[b]);
        }
        return longest;
    }
}
