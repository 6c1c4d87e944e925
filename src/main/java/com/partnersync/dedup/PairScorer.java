package com.partnersync.dedup;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether two candidate leads are the same person. An equal personal e-mail or phone decides on its own
 * unless the names differ; an identifier that several people share (a role mailbox, a switchboard) is down-weighted
 * by the number of people seen with it, and is no evidence at all above {@code max-people-per-identifier}.
 * Otherwise the score is the weighted mean of field similarities (Jaro-Winkler for names and text, edit distance for
 * codes, the shipped nickname list for first names) over the fields present on both, and the pair matches at or above
 * the threshold; between the review threshold and the threshold it is a review pair. Names must agree: colleagues
 * share company, domain and address, so a pair with differing first or last names is never merged on the rest.
 */
public final class PairScorer {
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = new LevenshteinDistance(2);
    /**
     * Two mailboxes at one domain are the same person only when first and last name are the same up to accents and
     * a letter (jmunoz@ and jose.munoz@ for José Muñoz); "Daniel Kim" and "David Kim" (0.85) are two colleagues.
     */
    private static final double SAME_NAME = 0.9;
    /** Similarity (above chance) at which phone, company, domain, street or postcode counts as agreeing. */
    private static final double CORROBORATES = 0.8;

    /** How many different people hold an e-mail or phone (1 when only this pair's person does). */
    public interface Identifiers {
        int people(String keyType, String value);

        Identifiers PERSONAL = (keyType, value) -> 1;
    }

    /** One field's comparison: the normalized values, how they compared, the similarity and the weight it counted with. */
    public record FieldEvidence(String field, String a, String b, String comparison, double similarity, double weight) {
    }

    /** {@code review} is true for a pair between the review threshold and the threshold: listed, not merged. */
    public record Match(String rule, double score, boolean review) {
    }

    private final Map<String, Double> weights;
    private final double threshold;
    private final double reviewThreshold;
    private final double minNameSimilarity;
    private final double floor;
    private final int maxPeople;
    private final Nicknames nicknames = Nicknames.shipped();

    public PairScorer(DedupProperties properties) {
        this.weights = Map.copyOf(properties.weights());
        this.threshold = properties.threshold();
        this.reviewThreshold = Math.min(properties.reviewThreshold(), properties.threshold());
        this.minNameSimilarity = properties.minNameSimilarity();
        this.floor = properties.similarityFloor();
        this.maxPeople = properties.maxPeoplePerIdentifier();
    }

    /** The match or review pair, or null when the two leads are not (shown to be) the same person. */
    public Match match(MatchProfile a, MatchProfile b, Identifiers identifiers) {
        return evaluate(a, b, identifiers, null);
    }

    /** The match as {@link #match}, with each field's comparison added to {@code evidence}. */
    public Match explain(MatchProfile a, MatchProfile b, Identifiers identifiers, List<FieldEvidence> evidence) {
        return evaluate(a, b, identifiers, evidence);
    }

    private Match evaluate(MatchProfile a, MatchProfile b, Identifiers identifiers, List<FieldEvidence> evidence) {
        Score s = new Score(evidence);
        Names names = names(a, b);
        s.note("first_name", a.firstName(), names.swapped ? b.lastName() : b.firstName(),
                names.firstHow, names.first);
        s.note("last_name", a.lastName(), names.swapped ? b.firstName() : b.lastName(), names.lastHow, names.last);
        int differingNames = (names.first < minNameSimilarity ? 1 : 0) + (names.last < minNameSimilarity ? 1 : 0);
        if (differingNames == 2) {
            // both names differ: a shared mailbox or switchboard, never one person
            return null;
        }
        // Bob and Robert (nickname) or a typo are counted as two people by their phonetic names: this pair is one
        boolean onePersonTwoSpellings = differingNames == 0 && a.person() != null && b.person() != null
                && !a.person().equals(b.person());
        int spellings = onePersonTwoSpellings ? 1 : 0;
        double emailShare = share(identifiers, "email", a.email(), b.email(), a.roleEmail() || b.roleEmail(), spellings);
        double phoneShare = share(identifiers, "phone", a.phone(), b.phone(), false, spellings);
        if (emailShare == 1.0 && differingNames == 0) {
            s.note("email", a.email(), b.email(), "same personal mailbox: decides", 1.0);
            return new Match("email", 1.0, false);
        }
        if (phoneShare == 1.0 && differingNames == 0) {
            s.note("phone", a.phone(), b.phone(), "same personal number: decides", 1.0);
            return new Match("phone", 1.0, false);
        }
        if (Double.isNaN(names.first) && Double.isNaN(names.last)
                || differentMailboxes(a.email(), b.email()) && !(names.first >= SAME_NAME && names.last >= SAME_NAME)) {
            return null;
        }
        // one differing name passes as a typo or mix-up only outside a shared company: colleagues share everything else
        if (differingNames == 1 && (both(a.company(), b.company()) || both(a.companyDomain(), b.companyDomain()))) {
            return null;
        }
        boolean personalVsWork = addEmail(s, a, b, emailShare);
        if (a.phone() != null && a.phone().equals(b.phone())) {
            s.addShared("phone", a.phone(), phoneShare);
        } else {
            s.add("phone", a.phone(), b.phone(), PairScorer::typo, "equal / one digit off / different");
        }
        s.add("company", a.company(), b.company(), (x, y) -> aboveChance(jaroWinkler(x, y)), "jaro-winkler above chance");
        s.add("company_domain", a.companyDomain(), b.companyDomain(), (x, y) -> x.equals(y) ? 1.0 : 0.0, "equal");
        s.add("street", a.street(), b.street(), (x, y) -> aboveChance(words(x, y)), "monge-elkan above chance");
        s.add("postcode", a.postcode(), b.postcode(), PairScorer::typo, "equal / one typo / different");
        // a name, even with a city, does not identify a person: it needs one of the fields above on both sides, and
        // next to an uncompared personal/work e-mail pair one of them must actually agree
        if (s.fields == 0 || personalVsWork && s.bestAgreement < CORROBORATES) {
            return null;
        }
        s.add("first_name", aboveChance(names.first));
        s.add("last_name", aboveChance(names.last));
        s.add("city", a.city(), b.city(), (x, y) -> aboveChance(words(x, y)), "monge-elkan above chance");
        s.add("state", a.state(), b.state(), (x, y) -> x.equals(y) ? 1.0 : 0.0, "equal");
        double score = Math.round(s.value() * 10_000) / 10_000.0;
        return score >= threshold ? new Match("score", score, false)
                : score >= reviewThreshold ? new Match("score", score, true) : null;
    }

    /**
     * E-mail as evidence: the same address counts with its share weight; at one domain (or one free-mail provider
     * across country TLDs: yahoo.de and yahoo.com) the mailboxes compare by Jaro-Winkler; two company domains are two
     * mailboxes of two employers (0); a personal and a work address say nothing, so name plus company, phone or
     * address decide.
     */
    private boolean addEmail(Score s, MatchProfile a, MatchProfile b, double share) {
        if (a.email() == null || b.email() == null) {
            return false;
        }
        if (a.email().equals(b.email())) {
            s.addShared("email", a.email(), share);
        } else if (a.roleEmail() || b.roleEmail()) {
            s.note("email", a.email(), b.email(), "role mailbox: not compared", Double.NaN);
        } else if (sameDomain(a.email(), b.email())
                || a.freeMailProvider() != null && a.freeMailProvider().equals(b.freeMailProvider())) {
            s.add("email", a.email(), b.email(), (x, y) -> aboveChance(mailbox(x, y)),
                    "same provider, jaro-winkler of mailboxes above chance");
        } else if (a.freeMailProvider() != null || b.freeMailProvider() != null) {
            s.note("email", a.email(), b.email(), "personal vs work address: not compared", Double.NaN);
            return true;
        } else {
            s.add("email", a.email(), b.email(), (x, y) -> 0.0, "mailboxes at two company domains");
        }
        return false;
    }

    /**
     * 1 for an identifier equal on both and held by one person, 1/n when n people hold it (n up to the maximum),
     * 0 when more do or it is a role mailbox, NaN when it differs or is missing. {@code extraSpellings} is 1 when this
     * pair's own two names were counted as two people although they agree.
     */
    private double share(Identifiers identifiers, String keyType, String x, String y, boolean role, int extraSpellings) {
        if (x == null || !x.equals(y)) {
            return Double.NaN;
        }
        if (role) {
            return 0.0;
        }
        return share(identifiers.people(keyType, x) - extraSpellings, maxPeople);
    }

    /** The weight share of an identifier held by this many people: 1/n up to {@code maxPeople}, else 0. */
    private static double share(int people, int maxPeople) {
        return people > maxPeople ? 0.0 : 1.0 / Math.max(1, people);
    }

    private record Names(double first, double last, boolean swapped, String firstHow, String lastHow) {
    }

    /**
     * First- and last-name similarity (NaN where a side lacks it). The swapped reading (forms and imports swap first
     * and last name) is taken only when it is better and the straight reading has no exact name, so "Smith John" vs
     * "John Smith" matches while an exact last name is never thrown away for a swapped look-alike.
     */
    Names names(MatchProfile a, MatchProfile b) {
        double first = firstName(a.firstName(), b.firstName());
        double last = sim(a.lastName(), b.lastName());
        double swappedFirst = firstName(a.firstName(), b.lastName());
        double swappedLast = sim(a.lastName(), b.firstName());
        if (!Double.isNaN(swappedFirst) && !Double.isNaN(swappedLast) && first != 1.0 && last != 1.0
                && swappedFirst + swappedLast > orZero(first) + orZero(last)) {
            return new Names(swappedFirst, swappedLast, true, how(a.firstName(), b.lastName()), "swapped, jaro-winkler");
        }
        return new Names(first, last, false, how(a.firstName(), b.firstName()), "jaro-winkler");
    }

    private double firstName(String x, String y) {
        if (x == null || y == null) {
            return Double.NaN;
        }
        return x.equals(y) || nicknames.same(x, y) ? 1.0 : jaroWinkler(x, y);
    }

    private String how(String x, String y) {
        return x != null && y != null && !x.equals(y) && nicknames.same(x, y) ? "nickname" : "jaro-winkler";
    }

    /** The part of a text similarity above what unrelated values reach by chance, rescaled to 0..1. */
    private double aboveChance(double similarity) {
        return Double.isNaN(similarity) ? similarity : Math.max(0, (similarity - floor) / (1 - floor));
    }

    /** Two addresses at the same domain whose mailboxes differ by more than a typo. */
    static boolean differentMailboxes(String x, String y) {
        if (x == null || y == null || x.equals(y) || !sameDomain(x, y)) {
            return false;
        }
        return LEVENSHTEIN.apply(x.substring(0, x.indexOf('@')), y.substring(0, y.indexOf('@'))) != 1;
    }

    private static boolean sameDomain(String x, String y) {
        return x.substring(x.indexOf('@')).equals(y.substring(y.indexOf('@')));
    }

    private static boolean both(String x, String y) {
        return x != null && y != null;
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

    /** Jaro-Winkler of the mailbox names (the parts before '@'). */
    static double mailbox(String x, String y) {
        return jaroWinkler(x.substring(0, x.indexOf('@')), y.substring(0, y.indexOf('@')));
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
        final List<FieldEvidence> evidence;
        double sum;
        double weight;
        int fields;
        /** Best similarity among the identifying fields added so far (phone, company, domain, street, postcode). */
        double bestAgreement;

        Score(List<FieldEvidence> evidence) {
            this.evidence = evidence;
        }

        /** Names are compared before the vetoes; they are recorded once here and weighed later. */
        void note(String field, String x, String y, String how, double similarity) {
            if (evidence != null && (x != null || y != null)) {
                evidence.add(new FieldEvidence(field, x, y, how, round(similarity), 0.0));
            }
        }

        void add(String field, double similarity) {
            if (!Double.isNaN(similarity)) {
                double w = weights.getOrDefault(field, 0.0);
                sum += w * similarity;
                weight += w;
                fields++;
                if (evidence != null) {
                    evidence.replaceAll(e -> e.field().equals(field) && e.weight() == 0.0
                            ? new FieldEvidence(field, e.a(), e.b(), e.comparison(), e.similarity(), w) : e);
                }
            }
        }

        void add(String field, String x, String y, java.util.function.BiFunction<String, String, Double> similarity,
                 String how) {
            if (x != null && y != null) {
                double sim = similarity.apply(x, y);
                double w = weights.getOrDefault(field, 0.0);
                sum += w * sim;
                weight += w;
                fields++;
                bestAgreement = Math.max(bestAgreement, sim);
                if (evidence != null) {
                    evidence.add(new FieldEvidence(field, x, y, how, round(sim), w));
                }
            }
        }

        /** An identifier equal on both, weighted by the share of it this person has. */
        void addShared(String field, String value, double share) {
            double w = weights.getOrDefault(field, 0.0) * share;
            String how = share == 1.0 ? "equal" : share == 0.0 ? "equal but shared by many people: no evidence"
                    : String.format(Locale.ROOT, "equal, shared by %d people: weight / %d", Math.round(1 / share),
                    Math.round(1 / share));
            if (evidence != null) {
                evidence.add(new FieldEvidence(field, value, value, how, 1.0, round(w)));
            }
            if (w > 0) {
                sum += w;
                weight += w;
                fields++;
                bestAgreement = Math.max(bestAgreement, share);
            }
        }

        double value() {
            return weight == 0 ? 0 : sum / weight;
        }

        private static double round(double v) {
            return Double.isNaN(v) ? v : Math.round(v * 10_000) / 10_000.0;
        }
    }
}
