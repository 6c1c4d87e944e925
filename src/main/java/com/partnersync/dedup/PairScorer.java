package com.partnersync.dedup;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Map;
import java.util.Objects;

/**
 * Decides whether two candidate leads are the same person. An equal normalized e-mail or phone decides on its own
 * unless the names clearly differ (shared mailbox, switchboard). Otherwise the score is the weighted mean of field
 * similarities (Jaro-Winkler for names and text, edit distance for postcodes) over the fields present on both, and
 * the pair matches at or above the threshold. Names must agree: colleagues share company, domain and address, so a
 * pair with differing first or last names is never merged on the rest.
 */
public final class PairScorer {
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = new LevenshteinDistance(2);
    /**
     * Two mailboxes at one domain are the same person only when first and last name are the same up to accents and
     * a letter (jmunoz@ and jose.munoz@ for José Muñoz); "Daniel Kim" and "David Kim" (0.85) are two colleagues.
     */
    private static final double SAME_NAME = 0.9;

    public record Match(String rule, double score) {
    }

    private final Map<String, Double> weights;
    private final double threshold;
    private final double minNameSimilarity;

    public PairScorer(DedupProperties properties) {
        this.weights = Map.copyOf(properties.getWeights());
        this.threshold = properties.getThreshold();
        this.minNameSimilarity = properties.getMinNameSimilarity();
    }

    /** The match, or null when the two leads are not (shown to be) the same person. */
    public Match match(MatchProfile a, MatchProfile b) {
        double[] names = nameSimilarities(a, b);
        int differingNames = (names[0] < minNameSimilarity ? 1 : 0) + (names[1] < minNameSimilarity ? 1 : 0);
        if (differingNames == 2) {
            // both names differ: a shared mailbox or switchboard, never one person
            return null;
        }
        if (a.email() != null && a.email().equals(b.email()) && differingNames == 0) {
            return new Match("email", 1.0);
        }
        if (a.phone() != null && a.phone().equals(b.phone()) && differingNames == 0) {
            return new Match("phone", 1.0);
        }
        if (Double.isNaN(names[0]) && Double.isNaN(names[1])
                || differentMailboxes(a.email(), b.email()) && !(names[0] >= SAME_NAME && names[1] >= SAME_NAME)) {
            return null;
        }
        // one differing name passes as a typo or mix-up only outside a shared company: colleagues share everything else
        if (differingNames == 1 && (both(a.company(), b.company()) || both(a.companyDomain(), b.companyDomain()))) {
            return null;
        }
        Score s = new Score();
        s.add("email", a.email(), b.email(), PairScorer::email);
        s.add("phone", a.phone(), b.phone(), PairScorer::typo);
        s.add("company", a.company(), b.company(), PairScorer::jaroWinkler);
        s.add("company_domain", a.companyDomain(), b.companyDomain(), (x, y) -> x.equals(y) ? 1.0 : 0.0);
        s.add("street", a.street(), b.street(), PairScorer::words);
        s.add("postcode", a.postcode(), b.postcode(), PairScorer::typo);
        // a name, even with a city, does not identify a person: it needs one of the fields above on both sides
        if (s.fields == 0) {
            return null;
        }
        s.add("first_name", names[0]);
        s.add("last_name", names[1]);
        s.add("city", a.city(), b.city(), PairScorer::words);
        s.add("state", a.state(), b.state(), (x, y) -> x.equals(y) ? 1.0 : 0.0);
        double score = s.value();
        return score >= threshold ? new Match("score", Math.round(score * 10_000) / 10_000.0) : null;
    }

    /** Two addresses at the same domain whose mailboxes differ by more than a typo. */
    static boolean differentMailboxes(String x, String y) {
        if (x == null || y == null || x.equals(y)) {
            return false;
        }
        int ax = x.indexOf('@');
        int ay = y.indexOf('@');
        return x.substring(ax).equals(y.substring(ay)) && LEVENSHTEIN.apply(x.substring(0, ax), y.substring(0, ay)) != 1;
    }

    private static boolean both(String x, String y) {
        return x != null && y != null;
    }

    /**
     * First- and last-name similarity (NaN where a side lacks it), taking the better (higher sum) of the straight and
     * the swapped reading because forms and imports often swap first and last name.
     */
    static double[] nameSimilarities(MatchProfile a, MatchProfile b) {
        double first = sim(a.firstName(), b.firstName());
        double last = sim(a.lastName(), b.lastName());
        double swappedFirst = sim(a.firstName(), b.lastName());
        double swappedLast = sim(a.lastName(), b.firstName());
        if (!Double.isNaN(swappedFirst) && !Double.isNaN(swappedLast)
                && swappedFirst + swappedLast > orZero(first) + orZero(last)) {
            return new double[]{swappedFirst, swappedLast};
        }
        return new double[]{first, last};
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static double sim(String x, String y) {
        return x == null || y == null ? Double.NaN : jaroWinkler(x, y);
    }

    static double jaroWinkler(String x, String y) {
        return x.equals(y) ? 1.0 : JARO_WINKLER.apply(x, y);
    }

    /**
     * Symmetric Monge-Elkan: each word matched to its most similar word on the other side (Jaro-Winkler), averaged both
     * ways, so reordered, split or partly missing address words still score high while "3" vs "350 Perry Drive" does not.
     */
    static double words(String x, String y) {
        if (x.equals(y)) {
            return 1.0;
        }
        String[] xs = x.split(" ");
        String[] ys = y.split(" ");
        return (mongeElkan(xs, ys) + mongeElkan(ys, xs)) / 2;
    }

    private static double mongeElkan(String[] from, String[] to) {
        double sum = 0;
        for (String f : from) {
            double best = 0;
            for (String t : to) {
                best = Math.max(best, jaroWinkler(f, t));
            }
            sum += best;
        }
        return sum / from.length;
    }

    /**
     * Mailboxes at one domain by Jaro-Winkler of the local parts; at different domains 0, because the shared
     * "firstname.lastname@" prefix of two people with one name says nothing.
     */
    static double email(String x, String y) {
        int ax = x.indexOf('@');
        int ay = y.indexOf('@');
        return x.substring(ax).equals(y.substring(ay)) ? jaroWinkler(x.substring(0, ax), y.substring(0, ay)) : 0.0;
    }

    /**
     * Codes (postcode, phone): equal 1, one typo 0.5, else 0. Neighbouring postcodes are different places and
     * numbers sharing a prefix are different lines, so prefix-weighted string similarity would mislead.
     */
    static double typo(String x, String y) {
        int distance = LEVENSHTEIN.apply(x, y);
        return distance == 0 ? 1.0 : distance == 1 ? 0.5 : 0.0;
    }

    private final class Score {
        double sum;
        double weight;
        int fields;

        void add(String field, double similarity) {
            if (!Double.isNaN(similarity)) {
                double w = weights.getOrDefault(field, 0.0);
                sum += w * similarity;
                weight += w;
                fields++;
            }
        }

        void add(String field, String x, String y, java.util.function.BiFunction<String, String, Double> similarity) {
            if (x != null && y != null) {
                add(field, Objects.requireNonNull(similarity.apply(x, y)));
            }
        }

        double value() {
            return weight == 0 ? 0 : sum / weight;
        }
    }
}
