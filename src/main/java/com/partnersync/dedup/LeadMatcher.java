package com.partnersync.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Finds duplicate groups among profiles. Candidate pairs come from every {@link MatchKey} block (sorted arrays of
 * key hash + index, so memory stays a few long[] per key even for millions of leads); a block larger than
 * {@code max-block-size} is split by the order-free phonetic full name and a sub-block still larger is left out and
 * counted. Each distinct pair is scored once. Links form clusters coherently: in survivor order, a lead joins a
 * cluster only when it links to the cluster's survivor or to at least half of its members, so one weak link cannot
 * chain two people together.
 *
 * <p>Every decision depends only on the leads themselves and on global counts (block sizes, people per e-mail or
 * phone), never on which leads were read in a run, so an incremental run that re-scores the leads whose evidence can
 * have changed reaches the same clusters as a full run.
 */
public final class LeadMatcher {
    /** Rule of a link RevOps confirmed in lead_match_review. */
    static final String CONFIRMED = "confirmed";
    private final PairScorer scorer;
    private final int maxBlockSize;

    public LeadMatcher(DedupProperties properties) {
        this.scorer = new PairScorer(properties);
        this.maxBlockSize = properties.maxBlockSize();
    }

    /** A match (or review pair) between profiles {@code a} and {@code b} (indexes into the input list, a < b). */
    public record Link(int a, int b, String rule, double score, boolean review) {
    }

    /** Global counts the blocking and the term-frequency adjustment read; null members mean "count the input". */
    public interface Counts extends PairScorer.Identifiers {
        /** Leads holding this key. */
        int blockSize(String keyType, String key);

        /** Leads holding this key with this person (order-free phonetic full name; null for a lead without). */
        int subBlockSize(String keyType, String key, String person);
    }

    /**
     * RevOps decisions on pairs of lead ids (lead_match_review.status): a confirmed pair links whatever it scores (and
     * is compared even when it shares no block); a rejected pair never links and its two leads never share a cluster.
     */
    public record Decisions(Set<IdPair> confirmed, Set<IdPair> rejected) {
        public static final Decisions NONE = new Decisions(Set.of(), Set.of());

        public record IdPair(long low, long high) {
            public static IdPair of(long a, long b) {
                return new IdPair(Math.min(a, b), Math.max(a, b));
            }
        }

        boolean none() {
            return confirmed.isEmpty() && rejected.isEmpty();
        }
    }

    /** Oversized blocks split by the full name, and sub-blocks still too large that were left out, with their leads. */
    public record Blocking(long splitBlocks, long skippedBlocks, long skippedLeads) {
    }

    /**
     * @param group          group[i] is the index of profile i's cluster survivor (i itself when alone or survivor)
     * @param links          every match and review pair found
     * @param candidatePairs distinct pairs compared
     */
    public record Result(int[] group, List<Link> links, long candidatePairs, Blocking blocking) {
    }

    /** Everything in memory: counts from the input itself, survivor order = input order. */
    public Result match(List<MatchProfile> profiles) {
        return match(profiles, Decisions.NONE);
    }

    /** As {@link #match(List)}, with RevOps decisions overriding the score of the pairs they name. */
    public Result match(List<MatchProfile> profiles, Decisions decisions) {
        Pairs pairs = candidatePairs(profiles, null, null, decisions);
        List<Link> links = score(profiles, pairs.pairs, pairs.counts, decisions);
        int[] rank = IntStream.range(0, profiles.size()).toArray();
        return new Result(cluster(profiles.size(), links, rank, apart(ids(profiles), decisions)), links,
                pairs.pairs.length, pairs.blocking);
    }

    /** The distinct candidate pairs the in-memory blocking yields (low index << 32 | high index), for measurements. */
    long[] candidatePairs(List<MatchProfile> profiles) {
        return candidatePairs(profiles, null, null, Decisions.NONE).pairs;
    }

    /**
     * Links of the pairs with at least one end in {@code focus}, blocked and weighted by the global {@code counts};
     * {@code profiles} must hold every lead that shares a usable block with a focus lead.
     */
    Scored links(List<MatchProfile> profiles, boolean[] focus, Counts counts, Decisions decisions) {
        Pairs pairs = candidatePairs(profiles, focus, counts, decisions);
        return new Scored(score(profiles, pairs.pairs, counts, decisions), pairs.pairs.length, pairs.blocking);
    }

    record Scored(List<Link> links, long candidatePairs, Blocking blocking) {
    }

    private List<Link> score(List<MatchProfile> profiles, long[] pairs, PairScorer.Identifiers identifiers,
                             Decisions decisions) {
        // scoring is independent per pair, so it uses every core; the ordered stream keeps the result deterministic
        return Arrays.stream(pairs).parallel().mapToObj(pair -> {
            int a = (int) (pair >>> 32);
            int b = (int) pair;
            if (!decisions.none()) {
                Decisions.IdPair ids = Decisions.IdPair.of(profiles.get(a).id(), profiles.get(b).id());
                if (decisions.rejected().contains(ids)) {
                    return null;
                }
                if (decisions.confirmed().contains(ids)) {
                    return new Link(a, b, CONFIRMED, 1.0, false);
                }
            }
            PairScorer.Match m = scorer.match(profiles.get(a), profiles.get(b), identifiers);
            return m == null ? null : new Link(a, b, m.rule(), m.score(), m.review());
        }).filter(Objects::nonNull).toList();
    }

    /**
     * Coherent clusters: leads in {@code rank} order (survivor first); each joins the cluster it links to best, when it
     * has a match link into it and links (matches or review pairs) to its survivor or to at least half of its
     * members, else it starts its own. A chain A~B~C~D of single links therefore stops where the evidence against
     * the grown cluster runs out. A lead never joins a cluster holding a lead it was rejected against.
     *
     * @param apart apart[i] = indexes of the leads RevOps rejected as one person with i (null when none)
     * @return group[i] = index of the survivor of i's cluster
     */
    static int[] cluster(int n, List<Link> links, int[] rank, int[][] apart) {
        List<List<Link>> adjacent = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adjacent.add(null);
        }
        boolean[] matched = new boolean[n];
        int[] degree = new int[n];
        for (Link link : links) {
            for (int end : new int[]{link.a(), link.b()}) {
                if (adjacent.get(end) == null) {
                    adjacent.set(end, new ArrayList<>(2));
                }
                adjacent.get(end).add(link);
                matched[end] |= !link.review();
                degree[end] += link.review() ? 0 : 1;
            }
        }
        int[] group = new int[n];
        int[] size = new int[n];
        Arrays.fill(group, -1);
        Integer[] order = IntStream.range(0, n).filter(i -> matched[i]).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -degree[i]).thenComparingInt(i -> rank[i]));
        for (int i = 0; i < n; i++) {
            if (!matched[i]) {
                group[i] = i;
                size[i] = 1;
            }
        }
        for (int x : order) {
            // survivor -> {links, score sum, linked to the survivor, match links}
            Map<Integer, double[]> tally = new HashMap<>();
            for (Link link : adjacent.get(x)) {
                int other = link.a() == x ? link.b() : link.a();
                if (group[other] >= 0 && matched[other]) {
                    double[] t = tally.computeIfAbsent(group[other], g -> new double[4]);
                    t[0]++;
                    t[1] += link.score();
                    t[2] = other == group[other] ? 1 : t[2];
                    t[3] += link.review() ? 0 : 1;
                }
            }
            int best = -1;
            double bestScore = -1;
            for (Map.Entry<Integer, double[]> e : tally.entrySet()) {
                int survivor = e.getKey();
                double[] t = e.getValue();
                if (t[3] > 0 && (t[2] == 1 || 2 * t[0] >= size[survivor]) && !rejectedIn(x, survivor, group, apart)) {
                    double mean = t[1] / size[survivor];
                    if (mean > bestScore || mean == bestScore && rank[survivor] < rank[best]) {
                        best = survivor;
                        bestScore = mean;
                    }
                }
            }
            group[x] = best < 0 ? x : best;
            size[group[x]]++;
        }
        return group;
    }

    private static boolean rejectedIn(int x, int survivor, int[] group, int[][] apart) {
        if (apart[x] != null) {
            for (int other : apart[x]) {
                if (group[other] == survivor) {
                    return true;
                }
            }
        }
        return false;
    }

    /** apart[i] for {@link #cluster}: the rejected pairs among the leads {@code ids}, both ways. */
    static int[][] apart(long[] ids, Decisions decisions) {
        int[][] apart = new int[ids.length][];
        if (decisions.rejected().isEmpty()) {
            return apart;
        }
        Map<Long, Integer> index = index(ids);
        for (Decisions.IdPair pair : decisions.rejected()) {
            Integer a = index.get(pair.low());
            Integer b = index.get(pair.high());
            if (a != null && b != null) {
                apart[a] = append(apart[a], b);
                apart[b] = append(apart[b], a);
            }
        }
        return apart;
    }

    private static int[] append(int[] values, int value) {
        int[] out = values == null ? new int[1] : Arrays.copyOf(values, values.length + 1);
        out[out.length - 1] = value;
        return out;
    }

    private static Map<Long, Integer> index(long[] ids) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    private static long[] ids(List<MatchProfile> profiles) {
        return profiles.stream().mapToLong(MatchProfile::id).toArray();
    }

    private record Pairs(long[] pairs, Counts counts, Blocking blocking) {
    }

    /** Distinct (low index << 32 | high index) pairs that share a usable block, sorted. */
    private Pairs candidatePairs(List<MatchProfile> profiles, boolean[] focus, Counts global, Decisions decisions) {
        LongBuffer pairs = new LongBuffer();
        if (!decisions.confirmed().isEmpty()) {
            // a confirmed pair is compared (and links) even when the two leads share no block
            Map<Long, Integer> index = index(ids(profiles));
            for (Decisions.IdPair pair : decisions.confirmed()) {
                Integer a = index.get(pair.low());
                Integer b = index.get(pair.high());
                if (a != null && b != null) {
                    addPairs(List.of(a, b), focus, pairs);
                }
            }
        }
        Map<String, Integer> people = new HashMap<>();
        long[] blocking = new long[3];
        long[] entries = new long[2 * profiles.size()];
        for (MatchKey key : MatchKey.values()) {
            int m = 0;
            for (int i = 0; i < profiles.size(); i++) {
                for (String value : key.of(profiles.get(i))) {
                    if (m == entries.length) {
                        entries = Arrays.copyOf(entries, m * 2);
                    }
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
                if (end - start > 1) {
                    for (Map.Entry<String, List<Integer>> run : byValue(key, profiles, entries, start, end)) {
                        String value = run.getKey();
                        List<Integer> block = run.getValue();
                        if (key == MatchKey.EMAIL || key == MatchKey.PHONE) {
                            int n = distinctPeople(profiles, block);
                            if (n > 1) {
                                people.put(key.keyType() + "\u0000" + value, n);
                            }
                        }
                        expand(key, value, block, profiles, focus, global, pairs, blocking);
                    }
                }
                start = end;
            }
        }
        Counts counts = global != null ? global : new Counts() {
            @Override
            public int people(String keyType, String value) {
                return people.getOrDefault(keyType + "\u0000" + value, 1);
            }

            @Override
            public int blockSize(String keyType, String key) {
                throw new UnsupportedOperationException("in-memory blocks are counted from the input");
            }

            @Override
            public int subBlockSize(String keyType, String key, String person) {
                throw new UnsupportedOperationException("in-memory blocks are counted from the input");
            }
        };
        return new Pairs(pairs.sortedDistinct(), counts, new Blocking(blocking[0], blocking[1], blocking[2]));
    }

    /** Members of one hash run grouped by their actual key value (a hash collision must not merge two blocks). */
    private static List<Map.Entry<String, List<Integer>>> byValue(MatchKey key, List<MatchProfile> profiles, long[] entries, int start, int end) {
        int hash = (int) (entries[start] >>> 32);
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int x = start; x < end; x++) {
            int i = (int) entries[x];
            for (String v : key.of(profiles.get(i))) {
                if (v.hashCode() == hash) {
                    List<Integer> g = groups.computeIfAbsent(v, k -> new ArrayList<>());
                    if (g.isEmpty() || g.get(g.size() - 1) != i) {
                        g.add(i);
                    }
                }
            }
        }
        return groups.entrySet().stream().filter(g -> g.getValue().size() > 1).toList();
    }

    private static int distinctPeople(List<MatchProfile> profiles, List<Integer> block) {
        Set<String> persons = new HashSet<>();
        int nameless = 0;
        for (int i : block) {
            String person = profiles.get(i).person();
            if (person == null) {
                nameless++;
            } else {
                persons.add(person);
            }
        }
        return persons.size() + nameless;
    }

    private void expand(MatchKey key, String value, List<Integer> block, List<MatchProfile> profiles, boolean[] focus,
                        Counts global, LongBuffer pairs, long[] blocking) {
        if (focus != null && block.stream().noneMatch(i -> focus[i])) {
            return;
        }
        int size = global == null ? block.size() : global.blockSize(key.keyType(), value);
        if (size <= maxBlockSize) {
            addPairs(block, focus, pairs);
            return;
        }
        blocking[0]++;
        Map<String, List<Integer>> byPerson = new HashMap<>();
        for (int i : block) {
            String person = profiles.get(i).person();
            if (person != null) {
                byPerson.computeIfAbsent(person, p -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> sub : byPerson.entrySet()) {
            List<Integer> members = sub.getValue();
            if (members.size() < 2 || focus != null && members.stream().noneMatch(i -> focus[i])) {
                continue;
            }
            int subSize = global == null ? members.size() : global.subBlockSize(key.keyType(), value, sub.getKey());
            if (subSize <= maxBlockSize) {
                addPairs(members, focus, pairs);
            } else {
                blocking[1]++;
                blocking[2] += subSize;
            }
        }
    }

    private static void addPairs(List<Integer> block, boolean[] focus, LongBuffer pairs) {
        for (int x = 0; x < block.size(); x++) {
            for (int y = x + 1; y < block.size(); y++) {
                int a = Math.min(block.get(x), block.get(y));
                int b = Math.max(block.get(x), block.get(y));
                if (a != b && (focus == null || focus[a] || focus[b])) {
                    pairs.add(((long) a << 32) | b);
                }
            }
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
