package com.partnersync.dedup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fellegi–Sunter m and u per comparison level, estimated from unlabeled records as Splink does: u (how often two
 * different people agree at a level) from random record pairs, m (how often the same person does) and the share of
 * matches by expectation–maximisation over the blocked candidate pairs with u held fixed. The agreement weight of a
 * field is log2(m/u) of its top level: how many bits of evidence full agreement on it carries. The labels of the data
 * are not used by the estimate; {@link #labeledM} computes m from them to check it.
 */
record FellegiSunterEstimate(Map<Field, double[]> m, Map<Field, double[]> u, double matchShare, int iterations) {
    private static final Nicknames NICKNAMES = Nicknames.shipped();

    /** A compared field and its comparison levels, lowest (disagree) first, top level = exact agreement. */
    enum Field {
        FIRST_NAME("first_name", "else | jaro-winkler >= 0.80 | >= 0.92 | equal or nickname") {
            @Override
            int level(MatchProfile a, MatchProfile b) {
                return names(a.firstName(), b.firstName(), true);
            }
        },
        LAST_NAME("last_name", "else | jaro-winkler >= 0.80 | >= 0.92 | equal") {
            @Override
            int level(MatchProfile a, MatchProfile b) {
                return names(a.lastName(), b.lastName(), false);
            }
        },
        STREET("street", "else | monge-elkan >= 0.75 | >= 0.90 | equal") {
            @Override
            int level(MatchProfile a, MatchProfile b) {
                if (a.street() == null || b.street() == null) {
                    return -1;
                }
                double s = PairScorer.words(a.street(), b.street());
                return s == 1.0 ? 3 : s >= 0.9 ? 2 : s >= 0.75 ? 1 : 0;
            }
        },
        CITY("city", "else | monge-elkan >= 0.90 | equal") {
            @Override
            int level(MatchProfile a, MatchProfile b) {
                if (a.city() == null || b.city() == null) {
                    return -1;
                }
                double s = PairScorer.words(a.city(), b.city());
                return s == 1.0 ? 2 : s >= 0.9 ? 1 : 0;
            }
        },
        POSTCODE("postcode", "else | one typo | equal") {
            @Override
            int level(MatchProfile a, MatchProfile b) {
                return a.postcode() == null || b.postcode() == null ? -1
                        : (int) Math.round(2 * PairScorer.typo(a.postcode(), b.postcode()));
            }
        },
        STATE("state", "else | equal") {
            @Override
            int level(MatchProfile a, MatchProfile b) {
                return a.state() == null || b.state() == null ? -1 : a.state().equals(b.state()) ? 1 : 0;
            }
        },
        EMAIL("email", "else | same domain, mailboxes jaro-winkler >= 0.90 | equal") {
            @Override
            int level(MatchProfile a, MatchProfile b) {
                String x = a.email();
                String y = b.email();
                if (x == null || y == null) {
                    return -1;
                }
                if (x.equals(y)) {
                    return 2;
                }
                boolean sameDomain = x.substring(x.indexOf('@')).equals(y.substring(y.indexOf('@')));
                return sameDomain && PairScorer.mailbox(x, y) >= 0.9 ? 1 : 0;
            }
        };

        final String name;
        final String levels;

        Field(String name, String levels) {
            this.name = name;
            this.levels = levels;
        }

        /** -1 when either side lacks the field, else the level (0 = disagree). */
        abstract int level(MatchProfile a, MatchProfile b);

        int count() {
            return levels.split("\\|").length;
        }

        private static int names(String x, String y, boolean nicknames) {
            if (x == null || y == null) {
                return -1;
            }
            if (x.equals(y) || nicknames && NICKNAMES.same(x, y)) {
                return 3;
            }
            double s = PairScorer.jaroWinkler(x, y);
            return s >= 0.92 ? 2 : s >= 0.8 ? 1 : 0;
        }
    }

    /**
     * @param randomPairs how many random record pairs estimate u
     * @param pairs       the blocked candidate pairs (low index << 32 | high index) EM runs over
     */
    static FellegiSunterEstimate estimate(List<MatchProfile> profiles, long[] pairs, int randomPairs) {
        Map<Field, double[]> u = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(15);
        List<int[]> sample = new ArrayList<>(randomPairs);
        for (int i = 0; i < randomPairs; i++) {
            int a = random.nextInt(profiles.size());
            int b = random.nextInt(profiles.size() - 1);
            sample.add(levels(profiles.get(a), profiles.get(b >= a ? b + 1 : b)));
        }
        for (Field f : Field.values()) {
            u.put(f, frequencies(sample, f, null));
        }
        List<int[]> blocked = new ArrayList<>(pairs.length);
        for (long pair : pairs) {
            blocked.add(levels(profiles.get((int) (pair >>> 32)), profiles.get((int) pair)));
        }
        // start: agreement likely among matches, share of matches a guess; u stays fixed as in Splink
        Map<Field, double[]> m = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            double[] start = new double[f.count()];
            for (int l = 0; l < start.length; l++) {
                start[l] = l == start.length - 1 ? 0.8 : 0.2 / (start.length - 1);
            }
            m.put(f, start);
        }
        double share = 0.3;
        int iteration = 0;
        double change = 1;
        double[] p = new double[blocked.size()];
        while (iteration < 200 && change > 1e-6) {
            iteration++;
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                double match = Math.log(share);
                double nonMatch = Math.log(1 - share);
                int[] levels = blocked.get(i);
                for (Field f : Field.values()) {
                    int l = levels[f.ordinal()];
                    if (l >= 0) {
                        match += Math.log(Math.max(m.get(f)[l], 1e-9));
                        nonMatch += Math.log(Math.max(u.get(f)[l], 1e-9));
                    }
                }
                p[i] = 1 / (1 + Math.exp(nonMatch - match));
                sum += p[i];
            }
            change = Math.abs(sum / p.length - share);
            share = sum / p.length;
            for (Field f : Field.values()) {
                double[] next = frequencies(blocked, f, p);
                double[] previous = m.get(f);
                for (int l = 0; l < next.length; l++) {
                    if (!Double.isNaN(next[l])) {
                        change = Math.max(change, Math.abs(next[l] - previous[l]));
                    }
                }
                m.put(f, next);
            }
        }
        return new FellegiSunterEstimate(m, u, share, iteration);
    }

    /** m from the labels (the same entity): what EM should find. */
    static Map<Field, double[]> labeledM(List<MatchProfile> profiles, long[] pairs, int[] entity) {
        List<int[]> matches = new ArrayList<>();
        for (long pair : pairs) {
            int a = (int) (pair >>> 32);
            int b = (int) pair;
            if (entity[a] == entity[b]) {
                matches.add(levels(profiles.get(a), profiles.get(b)));
            }
        }
        Map<Field, double[]> m = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            m.put(f, frequencies(matches, f, null));
        }
        return m;
    }

    /** Bits of evidence full agreement on the field carries: log2(m/u) of its top level (NaN when not measured). */
    double agreementWeight(Field f) {
        double[] mf = m.get(f);
        double[] uf = u.get(f);
        int top = mf.length - 1;
        return uf[top] == 0 || Double.isNaN(mf[top]) ? Double.NaN : Math.log(mf[top] / uf[top]) / Math.log(2);
    }

    /** Markdown rows: field, level, m, u, log2(m/u) (and labeled m when given). */
    String table(Map<Field, double[]> labeled) {
        StringBuilder out = new StringBuilder();
        for (Field f : Field.values()) {
            String[] names = f.levels.split("\\|");
            for (int l = names.length - 1; l >= 0; l--) {
                double mv = m.get(f)[l];
                double uv = u.get(f)[l];
                out.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %s | %.6f | %s |%n", f.name, names[l].strip(), mv,
                        labeled == null ? "" : String.format(Locale.ROOT, "%.4f", labeled.get(f)[l]), uv,
                        uv == 0 || mv == 0 || Double.isNaN(mv) ? "n/a" : String.format(Locale.ROOT, "%+.2f", Math.log(mv / uv) / Math.log(2))));
            }
        }
        return out.toString();
    }

    private static int[] levels(MatchProfile a, MatchProfile b) {
        int[] levels = new int[Field.values().length];
        for (Field f : Field.values()) {
            levels[f.ordinal()] = f.level(a, b);
        }
        return levels;
    }

    /** Share of each level among the comparisons where the field is present, each weighted by {@code weight} (or 1). */
    private static double[] frequencies(List<int[]> comparisons, Field f, double[] weight) {
        double[] counts = new double[f.count()];
        double total = 0;
        for (int i = 0; i < comparisons.size(); i++) {
            int l = comparisons.get(i)[f.ordinal()];
            if (l >= 0) {
                double w = weight == null ? 1 : weight[i];
                counts[l] += w;
                total += w;
            }
        }
        for (int l = 0; l < counts.length; l++) {
            counts[l] = total == 0 ? Double.NaN : counts[l] / total;
        }
        return counts;
    }
}
