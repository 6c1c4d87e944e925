package com.partnersync.dedup;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * Finds duplicate groups among profiles: candidate pairs from every {@link MatchKey} block (sorted arrays of
 * key hash + index, so memory stays a few long[] per key even for millions of leads), each distinct pair scored once,
 * matches joined transitively (union-find).
 */
public final class LeadMatcher {
    private final PairScorer scorer;
    private final int maxBlockSize;

    public LeadMatcher(DedupProperties properties) {
        this.scorer = new PairScorer(properties);
        this.maxBlockSize = properties.getMaxBlockSize();
    }

    /** A match between profiles {@code a} and {@code b} (indexes into the input list). */
    public record Link(int a, int b, String rule, double score) {
    }

    /**
     * @param group          group[i] is the representative index of profile i's duplicate group (i itself when alone)
     * @param candidatePairs distinct pairs compared
     */
    public record Result(int[] group, List<Link> links, long candidatePairs) {
    }

    public Result match(List<MatchProfile> profiles) {
        long[] pairs = candidatePairs(profiles);
        int[] parent = new int[profiles.size()];
        Arrays.setAll(parent, i -> i);
        // scoring is independent per pair, so it uses every core; the ordered stream keeps the result deterministic
        List<Link> links = LongStream.of(pairs).parallel().mapToObj(pair -> {
            int a = (int) (pair >>> 32);
            int b = (int) pair;
            PairScorer.Match match = scorer.match(profiles.get(a), profiles.get(b));
            return match == null ? null : new Link(a, b, match.rule(), match.score());
        }).filter(Objects::nonNull).toList();
        for (Link link : links) {
            union(parent, link.a(), link.b());
        }
        int[] group = new int[parent.length];
        Arrays.setAll(group, i -> find(parent, i));
        return new Result(group, links, pairs.length);
    }

    /** Distinct (low index << 32 | high index) pairs that share at least one key, sorted. */
    long[] candidatePairs(List<MatchProfile> profiles) {
        LongBuffer pairs = new LongBuffer();
        long[] entries = new long[2 * profiles.size()];
        for (MatchKey key : MatchKey.values()) {
            int m = 0;
            for (int i = 0; i < profiles.size(); i++) {
                for (String value : key.of(profiles.get(i))) {
                    if (m == entries.length) {
                        entries = Arrays.copyOf(entries, m * 2);
                    }
                    // equal keys sort next to each other; a rare hash collision only adds a pair the scorer rejects
                    entries[m++] = ((long) value.hashCode() << 32) | i;
                }
            }
            Arrays.sort(entries, 0, m);
            int start = 0;
            while (start < m) {
                int end = start + 1;
                while (end < m && (entries[end] >>> 32) == (entries[start] >>> 32)) {
                    end++;
                }
                if (end - start > 1 && end - start <= maxBlockSize) {
                    for (int x = start; x < end; x++) {
                        for (int y = x + 1; y < end; y++) {
                            // entries are sorted by index within a hash run, so x's index is the lower one
                            int a = (int) entries[x];
                            int b = (int) entries[y];
                            if (a != b) {
                                pairs.add(((long) a << 32) | b);
                            }
                        }
                    }
                }
                start = end;
            }
        }
        return pairs.sortedDistinct();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        // the lower index becomes the root so the representative does not depend on pair order
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }

    private static final class LongBuffer {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] sortedDistinct() {
            Arrays.sort(values, 0, size);
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (n == 0 || values[i] != values[n - 1]) {
                    values[n++] = values[i];
                }
            }
            return Arrays.copyOf(values, n);
        }
    }
}
